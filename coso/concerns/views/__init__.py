"""The concerns app's pages, a module per part: the catalogue, classifying, the view, hotspots."""
