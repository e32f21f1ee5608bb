"""The weekly work calendar (lịch công tác tuần, issue 20): each agency's
calendar of plone.app.event events, its weeks drafted, published and
adjusted, the printable week, the iCal feeds, invitations put on it."""
