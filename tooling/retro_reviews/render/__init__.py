"""Page generation: the loaded library as pages, for any site engine.

:func:`retro_reviews.render.site.site_pages` returns every page as data
(:class:`retro_reviews.render.page.Page`: address, title, front matter, Markdown); the MkDocs
plugin only adds them to the build. Each module renders one kind of page. Nothing heavy is
imported here, so ``import retro_reviews.render`` stays cheap.
"""
