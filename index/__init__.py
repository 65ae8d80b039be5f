"""Everything that writes: reading sources, cleaning pages, building and switching indexes."""
