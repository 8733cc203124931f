"""The claim checker on the web: the /check/ page (paste, upload or type claim lines)."""
