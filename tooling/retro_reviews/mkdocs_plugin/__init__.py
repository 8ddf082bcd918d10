"""The MkDocs adapter: adds the pages :mod:`retro.render` generates to a MkDocs build."""
