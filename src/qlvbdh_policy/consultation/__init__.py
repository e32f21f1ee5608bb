"""Comments on drafts (lấy ý kiến góp ý dự thảo, issue 20)."""
