from interviews.disclosure.control import is_small, protect, protect_lines


def test_only_counts_of_one_and_two_are_small():
    assert [n for n in range(6) if is_small(n)] == [1, 2]


def test_nothing_is_hidden_when_every_count_is_three_or_more():
    values = {"a": 3, "b": 0, "c": 5, "total": 8}
    assert protect(values, [(["a", "b", "c"], "total")]) == set()


def test_a_lone_small_count_takes_the_smallest_other_count_with_it():
    # total 9 - 4 - 3 would give b away, so the 3 is hidden too (not the zero, not the 4).
    values = {"a": 4, "b": 2, "c": 3, "d": 0, "total": 9}
    assert protect(values, [(["a", "b", "c", "d"], "total")]) == {"b", "c"}


def test_hidden_ones_that_the_total_pins_down_take_another_count_with_them():
    values = {"a": 1, "b": 1, "c": 5, "total": 7}
    assert protect(values, [(["a", "b", "c"], "total")]) == {"a", "b", "c"}
    # 1 + 2 or 2 + 1 is not one answer, but either way each is under 3: the audit sees
    # that, where the line-by-line step does not.
    values = {"a": 1, "b": 2, "c": 5, "total": 8}
    assert protect_lines(values, [(["a", "b", "c"], "total")]) == {"a", "b"}
    assert protect(values, [(["a", "b", "c"], "total")]) == {"a", "b", "c"}


def test_with_nothing_else_to_hide_the_total_is_hidden():
    values = {"a": 1, "b": 1, "c": 1, "d": 0, "total": 3}
    assert protect(values, [(["a", "b", "c", "d"], "total")]) == {"a", "b", "c", "total"}


def test_a_hidden_total_is_not_left_to_be_added_up_from_its_members():
    # The row total is hidden by the column; the row's members would add up to it.
    values = {"x1": 1, "y1": 3, "x2": 0, "y2": 0, "row1": 4, "row2": 0}
    values |= {"colx": 1, "coly": 3, "all": 4}
    lines = [
        (["x1", "y1"], "row1"),
        (["x2", "y2"], "row2"),
        (["x1", "x2"], "colx"),
        (["y1", "y2"], "coly"),
        (["colx", "coly"], "all"),
        (["row1", "row2"], "all"),
    ]
    hidden = protect(values, lines)
    assert {"x1", "colx", "y1"} <= hidden
    for members, total in lines:  # no line has exactly one unknown
        unknown = [k for k in [*members, total] if k in hidden and values[k]]
        assert len(unknown) != 1, (members, total)


def test_protection_spreads_across_places_until_every_line_is_safe():
    # Two places, two categories. Place B's only participant is in category x.
    values = {"A.x": 4, "A.y": 3, "B.x": 1, "B.y": 0, "A": 7, "B": 1}
    values |= {"x": 5, "y": 3, "all": 8}
    lines = [
        (["A.x", "A.y"], "A"),
        (["B.x", "B.y"], "B"),
        (["A.x", "B.x"], "x"),
        (["A.y", "B.y"], "y"),
        (["x", "y"], "all"),
        (["A", "B"], "all"),
    ]
    # B.x and B are small; column x hides A.x with B.x, and the places' totals
    # hide A with B. Then A.x + B.x = 5 and A = A.x + 3: still (4, 1), (3, 2), ...
    hidden = protect(values, lines)
    assert hidden == {"B.x", "B", "A.x", "A"}
    for members, total in lines:
        unknown = [k for k in [*members, total] if k in hidden]
        assert len(unknown) != 1, (members, total)
