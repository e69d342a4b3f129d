from belong.matching.scoring import THEIR_SIDE, WEIGHTS, Person, score, signals


def person(**fields) -> Person:
    values = {"age": 34, "gender": "woman", "latitude": 57.05, "longitude": 9.92}
    values.update(fields)
    return Person(**values)


def test_every_signal_has_one_weight():
    values = signals(person(), person(), km=3, age_days=1)
    assert set(values) == set(WEIGHTS)
    assert all(0 <= value <= 1 for value in values.values())
    assert set(THEIR_SIDE) <= set(WEIGHTS)


def test_it_scores_both_ways():
    me = person(age=30, wish_age_min=25, wish_age_max=35)
    fits_both = person(age=31, wish_age_min=25, wish_age_max=35)
    only_fits_me = person(age=31, wish_age_min=50, wish_age_max=60)
    both = signals(me, fits_both, km=3, age_days=1)
    one = signals(me, only_fits_me, km=3, age_days=1)
    assert score(both) > score(one)
    # The one-sided score cannot tell them apart: it only asks whether they fit me.
    assert score(both, one_sided=True) == score(one, one_sided=True)


def test_gender_wishes_count_each_way():
    me = person(gender="man", wish_gender="woman")
    assert signals(me, person(wish_gender="woman"), km=1, age_days=0)["my_gender_fits_them"] == 0
    assert signals(me, person(wish_gender="any"), km=1, age_days=0)["my_gender_fits_them"] == 1
    assert signals(me, person(gender="man"), km=1, age_days=0)["their_gender_fits_me"] == 0


def test_shared_situation_and_freshness():
    me = person(situation_mask=0b1)
    assert signals(me, person(situation_mask=0b1), km=1, age_days=0)["shared_situation"] == 1
    assert signals(me, person(situation_mask=0b10), km=1, age_days=0)["shared_situation"] == 0
    new = signals(me, person(), km=1, age_days=0)["freshness"]
    old = signals(me, person(), km=1, age_days=28)["freshness"]
    assert new == 1 and old == 0.25


def test_distance_fits_within_each_sides_reach():
    me = person(max_km=10)
    near = signals(me, person(max_km=50), km=5, age_days=0)
    far = signals(me, person(max_km=50), km=40, age_days=0)
    assert near["distance_fits_me"] > far["distance_fits_me"]
    assert far["distance_fits_them"] > far["distance_fits_me"]


def test_motives_fit_when_what_each_seeks_suits_the_other():
    fit = lambda mine, theirs: signals(  # noqa: E731
        person(motive=mine), person(motive=theirs), km=1, age_days=0
    )["same_motive"]
    assert fit("friend", "friend") == 1
    # Someone who seeks a community suits a club that seeks members, both ways.
    assert fit("group", "members") == fit("members", "group") == 1
    assert fit("activity", "members") == 1
    # Two clubs that both seek members, or two that seek volunteers, do not.
    assert fit("members", "members") == 0
    assert fit("volunteers", "volunteers") == 0
    assert fit("friend", "members") == 0
    assert signals(person(), person(motive="friend"), km=1, age_days=0)["same_motive"] == 0.5
