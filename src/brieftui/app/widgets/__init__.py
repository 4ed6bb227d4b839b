"""The main screen's widgets: sources, outline, reader, search bar, loading panel."""
