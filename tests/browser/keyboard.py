"""Driving a page with the keyboard alone, checking at every stop that focus can be seen."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError

# The focused element, its accessible-ish name, and whether a focus style shows.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  let name = el.getAttribute('aria-label') || '';
  if (!name && el.labels && el.labels.length) name = el.labels[0].innerText;
  if (!name) name = el.innerText || el.value || '';
  return {name: name.trim().replace(/\\s+/g, ' '), tag: el.tagName.toLowerCase(),
          visible: Boolean(outline || shadow)};
}"""


def focus_state(page) -> dict | None:
    try:
        return page.evaluate(FOCUS_STATE)
    except PlaywrightError:
        # The key press started a navigation: wait for the new page and look again.
        page.wait_for_load_state()
        return page.evaluate(FOCUS_STATE)


def tab_to(page, name: str, *, exact: bool = False, max_presses: int = 80) -> dict:
    """Press Tab until the focused element is called `name`; every stop must show focus."""
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None:
            continue
        assert state["visible"], f"Focus is not visible on {state} at {page.url}"
        seen.append(state["name"])
        matches = state["name"] == name if exact else name.lower() in state["name"].lower()
        if matches:
            return state
    raise AssertionError(f"Tab never reached {name!r} on {page.url}; stops: {seen}")


def type_into(page, label: str, text: str, **kwargs) -> None:
    tab_to(page, label, **kwargs)
    page.keyboard.type(text)


def activate(page, name: str, *, key: str = "Enter", **kwargs) -> None:
    tab_to(page, name, **kwargs)
    page.keyboard.press(key)
    page.wait_for_load_state()
