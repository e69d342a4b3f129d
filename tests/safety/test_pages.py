"""Citizens' safety pages: report buttons, hidden content, notices, appeals, restrictions."""

import datetime

from django.urls import reverse
from django.utils import timezone

from belong.moderation.services import act_on_report, hide_content, report_content
from belong.safety.models import Notice, Report
from tests.factories import UserFactory, make_post, years_ago
from tests.html import validate_html


def test_the_post_page_offers_to_report_the_post_and_its_author(client, readers, post):
    client.force_login(readers[0])
    html = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert reverse("report_post", args=[post.pk]) in html
    assert reverse("report_profile", args=[post.author_id]) in html


def test_reporting_a_post_asks_for_a_reason_and_keeps_the_text(client, readers, post):
    client.force_login(readers[0])
    url = reverse("report_post", args=[post.pk])
    validate_html(client.get(url).content)
    failed = client.post(url, {"details": "Han vil have mine penge"})
    html = failed.content.decode()
    validate_html(html)
    assert "Vælg, hvad der er galt." in html
    assert "Han vil have mine penge" in html
    done = client.post(url, {"reason": "scam", "details": "Han vil have mine penge"})
    assert done.status_code == 302
    report = Report.objects.get()
    assert (report.target, report.target_id, report.reason) == ("post", post.pk, "scam")


def test_a_limited_reporter_is_told_politely_and_keeps_the_text(settings, client, readers, post):
    settings.BELONG_RATE_LIMITS = {**settings.BELONG_RATE_LIMITS, "report": "1/h"}
    client.force_login(readers[0])
    url = reverse("report_post", args=[post.pk])
    client.post(url, {"reason": "scam"})
    response = client.post(url, {"reason": "other", "details": "Endnu en ting"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Prøv igen om 60 minutter" in html
    assert "Endnu en ting" in html
    assert Report.objects.count() == 1


def test_someone_elses_hidden_or_invisible_post_cannot_be_reported(client, readers, post, minor):
    youth_post = make_post(minor, title="Ung")
    client.force_login(readers[0])
    assert client.get(reverse("report_post", args=[youth_post.pk])).status_code == 404
    assert client.get(reverse("report_post", args=[999999])).status_code == 404
    client.force_login(post.author)
    assert client.get(reverse("report_post", args=[post.pk])).status_code == 404


def test_a_profile_is_reported_only_by_someone_who_has_met_it(client, readers, post, minor):
    stranger = UserFactory()
    client.force_login(readers[0])
    url = reverse("report_profile", args=[post.author_id])
    validate_html(client.get(url).content)
    client.post(url, {"reason": "harassment", "opslag": post.pk})
    assert Report.objects.get().target == "profile"
    assert client.get(reverse("report_profile", args=[stranger.pk])).status_code == 404
    assert client.get(reverse("report_profile", args=[minor.pk])).status_code == 404
    assert client.get(reverse("report_profile", args=[readers[0].pk])).status_code == 404


def test_a_message_report_points_to_the_chosen_message(client, citizen, readers, conversation):
    message = conversation.messages.get()
    client.force_login(citizen)
    page = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    url = reverse("conversation_report", args=[conversation.pk])
    assert f"{url}?besked={message.pk}" in page
    client.post(f"{url}?besked={message.pk}", {"reason": "harassment", "besked": message.pk})
    assert Report.objects.get().target_id == message.pk
    # The reporter's own message, or someone else's id, is not theirs to report.
    mine = conversation.messages.create(sender=citizen, recipient=readers[0], body="Hej")
    assert client.get(f"{url}?besked={mine.pk}").status_code == 404
    assert client.get(f"{url}?besked=999999").status_code == 404


def test_a_hidden_post_disappears_from_its_page_and_search(client, readers, post):
    hide_content("post", post.pk)
    client.force_login(readers[0])
    assert client.get(reverse("post_detail", args=[post.pk])).status_code == 404
    html = client.get(reverse("search"), {"where": "country"}).content.decode()
    assert post.title not in html


def test_a_hidden_message_shows_a_note_in_the_conversation(client, citizen, conversation):
    message = conversation.messages.get()
    hide_content("message", message.pk)
    client.force_login(citizen)
    html = client.get(reverse("conversation", args=[conversation.pk])).content.decode()
    validate_html(html)
    assert "Du er dum" not in html
    assert "skjult" in html


def test_the_citizen_reads_the_notice_and_appeals_once(client, citizen, readers, post, moderator):
    report = report_content(reporter=readers[0], target="post", obj=post, reason="harassment")
    act_on_report(moderator=moderator, report=report, kind="warn", reason="Tal pænt")
    notice = Notice.objects.get()
    client.force_login(citizen)
    listing = client.get(reverse("notices")).content.decode()
    validate_html(listing)
    url = reverse("notice_detail", args=[notice.pk])
    assert url in listing
    html = client.get(url).content.decode()
    validate_html(html)
    assert "Tal pænt" in html
    failed = client.post(url, {"text": ""})
    assert "Skriv, hvorfor du mener" in failed.content.decode()
    client.post(url, {"text": "Jeg var sød"})
    assert client.post(url, {"text": "Igen"}).status_code == 404
    html = client.get(url).content.decode()
    assert "Du har klaget" in html


def test_someone_elses_notice_gives_404(client, citizen, readers, post, moderator):
    report = report_content(reporter=readers[0], target="post", obj=post, reason="harassment")
    act_on_report(moderator=moderator, report=report, kind="warn", reason="Tal pænt")
    client.force_login(readers[0])
    notice = Notice.objects.get()
    assert client.get(reverse("notice_detail", args=[notice.pk])).status_code == 404
    assert client.post(reverse("notice_detail", args=[notice.pk]), {"text": "x"}).status_code == 404


def test_a_suspended_citizen_is_told_kindly_and_can_only_read_notices(client, citizen):
    citizen.suspended_until = timezone.now() + datetime.timedelta(days=3)
    citizen.save()
    client.force_login(citizen)
    for name in ("search", "inbox", "post_new", "profile"):
        response = client.get(reverse(name))
        assert response.status_code == 403
        html = response.content.decode()
        assert "Din konto er sat på pause" in html
    validate_html(html)
    assert client.get(reverse("notices")).status_code == 200


def test_a_banned_citizen_cannot_act_and_a_finished_suspension_ends(client, citizen, post):
    citizen.banned_at = timezone.now()
    citizen.save()
    client.force_login(citizen)
    assert client.post(reverse("post_pause", args=[post.pk])).status_code == 403
    assert "Din konto er lukket" in client.get(reverse("search")).content.decode()
    citizen.banned_at = None
    citizen.suspended_until = timezone.now() - datetime.timedelta(minutes=1)
    citizen.save()
    assert client.get(reverse("search")).status_code == 200


def test_youth_and_adults_meet_nowhere_in_search(client, citizen, aalborg_postcode):
    teen = UserFactory(birth_date=years_ago(14), postcode=aalborg_postcode)
    youth_post = make_post(teen, title="Ungdomsopslag", reach="country")
    adult = UserFactory(postcode=aalborg_postcode)
    adult_post = make_post(adult, title="Voksenopslag", reach="country")
    client.force_login(citizen)
    html = client.get(reverse("search"), {"where": "country"}).content.decode()
    assert "Voksenopslag" in html
    assert "Ungdomsopslag" not in html
    assert client.get(reverse("post_detail", args=[youth_post.pk])).status_code == 404
    other_teen = UserFactory(birth_date=years_ago(15), postcode=aalborg_postcode)
    client.force_login(other_teen)
    html = client.get(reverse("search"), {"where": "country"}).content.decode()
    assert "Ungdomsopslag" in html
    assert "Voksenopslag" not in html
    assert client.get(reverse("post_detail", args=[adult_post.pk])).status_code == 404


def test_a_hidden_message_is_not_quoted_in_the_inbox(client, citizen, conversation):
    hide_content("message", conversation.messages.get().pk)
    client.force_login(citizen)
    html = client.get(reverse("inbox")).content.decode()
    assert "Du er dum" not in html
    assert "skjult" in html


def test_the_author_sees_a_hidden_post_as_hidden_and_cannot_renew_it(client, citizen, post):
    hide_content("post", post.pk)
    client.force_login(citizen)
    html = client.get(reverse("my_posts")).content.decode()
    assert "En moderator ser på det" in html
    assert reverse("post_renew", args=[post.pk]) not in html
    client.post(reverse("post_renew", args=[post.pk]))
    client.post(reverse("post_resume", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == "hidden"
