"""The web UI and JSON API (`tidings serve`). Every page answers as JSON too."""

from .app import create_app

__all__ = ["create_app"]
