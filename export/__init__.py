"""Writers of other files (Word, Excel). Kept light: python-docx/openpyxl load only inside them."""


class ExportError(Exception):
    """An export that could not be done; str() is the clerk's message (plain Chinese, says what to do).
    `in_use`: the target is open in another program (Word, WPS), so closing it there and retrying will work."""

    def __init__(self, message: str, in_use: bool = False):
        super().__init__(message)
        self.in_use = in_use
