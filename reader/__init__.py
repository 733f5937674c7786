"""Readers of files others wrote (a published .docx; later web pages): each source becomes plain blocks
(paragraphs, table grids with spans) and everything after that is shared. Imports model/, never gui/ or export/."""
