"""What a Vietnamese official must not meet on a page: Plone's own English
words (issue 16), and a page wider than the screen.

``english_on(page)`` reads what a person sees: the page's visible text
(``document.body.innerText``), its title, and the title, aria-label and
placeholder of visible elements; it answers the words of ``PLONE_WORDS``
found there as whole words (case as Plone writes them), each with a
little of its surroundings to find it by."""

import re

#: Plone's and Zope's English words of the Classic UI, as Plone writes them
PLONE_WORDS = (
    "Log in", "Log out", "Login", "Logout", "Password", "Username", "User name",
    "Search", "Advanced search", "Contents", "View", "Edit", "Sharing", "State", "Actions",
    "Display", "Add new", "Welcome", "Info", "Error", "Warning", "Powered by Plone", "Plone",
    "Change Note", "Settings", "Versioning", "Versioning enabled", "History", "by",
    "Filter", "Sort", "Sort by", "Home", "Site Setup", "Site Map", "Accessibility",
    "Contact", "Personal", "Personal Information", "Preferences", "Cancel", "Save",
    "Submit", "Published", "Private", "Modified", "Created", "Author", "Creator",
    "Trouble logging in", "Get help", "items", "Next", "Previous", "Show all", "Select",
    "Upload", "Browse", "Remove", "Required", "More", "Delete", "Rename", "Copy", "Cut",
    "Paste", "Status", "Type", "Title", "Description", "Date", "Document", "Folder",
    "There are currently no items in this folder", "No items", "No value", "last modified",
    "Navigation", "breadcrumb", "Close", "Yes", "No", "Send", "Back", "Results", "Download", "Open",
    "Today", "Clear", "Reset", "Page", "of", "Default", "Change", "Manage", "Member",
    "Users", "Groups", "Review", "Expired", "Skip to", "Toggle", "Menu", "You are here",
    "Pin", "Unpin", "URL Management", "Search this site",
)

_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(PLONE_WORDS, key=len, reverse=True))
    + r")(?!\w)")

SEEN = """() => {
  const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
      && getComputedStyle(e).visibility !== 'hidden';
  const parts = [document.title, document.body.innerText];
  for (const e of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
    if (!visible(e)) continue;
    for (const name of ['title', 'aria-label', 'placeholder']) {
      const value = e.getAttribute(name);
      if (value) parts.push(`${name}=${value}`);
    }
  }
  return parts.join('\\n');
}"""

WIDER = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def english_in(text):
    """[(word, surroundings)] of Plone's English words in ``text``."""
    return [(m.group(1), text[max(0, m.start() - 40):m.end() + 40].replace("\n", " | "))
            for m in _PATTERN.finditer(text)]


def english_on(page):
    return english_in(page.evaluate(SEEN))


def overflow(page):
    """How many CSS pixels the page is wider than its viewport (0: none)."""
    return page.evaluate(WIDER)

OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > width + 0.5 && r.left < width && r.width > 0 && !e.closest('.offcanvas')) {
      out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`
               + `${e.className && e.className.baseVal === undefined
                    ? '.' + String(e.className).trim().split(/\\s+/).join('.') : ''}`
               + ` right=${Math.round(r.right)}`);
    }
  }
  return out.slice(-8).join(', ');
}"""


def overflowing(page):
    """The elements that reach past the viewport's right edge (to say what
    to fix when a page is too wide)."""
    return page.evaluate(OVERFLOWING)
