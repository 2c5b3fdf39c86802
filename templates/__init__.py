"""The Jinja2 templates, styles and script of the map site; shipped in the wheel as mapgen.templates."""
