"""The document workflows as the system reads them (issue 22): what each
state means (who waits, in hand or done, in the book, overdue), read from
the workflow a site manager edits through the web, and the steps that
would leave a document with no one to act refused."""
