"""The Textual UI. ``make_app(paths).run()`` starts it."""

from brieftui.app.app import BriefApp, make_app

__all__ = ["BriefApp", "make_app"]
