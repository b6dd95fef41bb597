"""storydiff's reading app (Textual). Import ``tui.app.app.StorydiffApp`` to open it."""
