"""Similar stories: an engine that finds other coverage of the same story.

The engine (``engine.py`` and the modules it uses) is plain Python with numpy,
scipy and scikit-learn; it runs in-process and downloads nothing. The same
engine answers the offline commands (``masthead similar``, ``similar-eval``)
and the site, where the lists are computed in a background task and stored.
"""
