"""Writers of other files (Word, Excel). Kept light: python-docx/openpyxl load only inside them."""


class ExportError(Exception):
    """An export that could not be done; str() is the clerk's message (plain Chinese, says what to do)."""
