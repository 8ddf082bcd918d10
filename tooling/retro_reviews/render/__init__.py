"""Page generation: the loaded library as Markdown pages, for any site engine.

:func:`retro.render.site.render_site` maps docs-relative URIs to Markdown; the MkDocs plugin
only adds them to the build. Each module renders one kind of page. Nothing heavy is imported
here, so ``import retro_reviews.render`` stays cheap.
"""
