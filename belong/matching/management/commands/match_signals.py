"""Which signals of the score predict a reply and a meeting: per signal and band, the first
contacts, how many got a reply and how many met (from the check-in answers). Figures
that could point at a person are shown as "-" (belong.core.disclosure)."""

from django.core.management.base import BaseCommand

from belong.matching.evaluation import evaluate_signals


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


class Command(BaseCommand):
    help = (
        "Per signal of the suggestions' score (shared interest, distance, age fit, life "
        "situation, responsiveness): how often a first contact got a reply and led to a "
        "meeting. Small figures are hidden."
    )

    def handle(self, *args, **options):
        header = ("signal", "band", "contacts", "replied", "reply share", "met", "meeting share")
        lines = [header]
        for row in evaluate_signals():
            lines.append(
                (
                    row.signal_label,
                    row.band_label,
                    _count(row.contacts),
                    _count(row.replied),
                    _share(row.reply_share),
                    _count(row.met),
                    _share(row.meeting_share),
                )
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        for line in lines:
            self.stdout.write(
                "  ".join(
                    text.ljust(width) for text, width in zip(line, widths, strict=True)
                ).rstrip()
            )
        self.stdout.write('"-": hidden, fewer than 5 people on one side of the figure.')
