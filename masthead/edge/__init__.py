"""The shared page cache: what every anonymous reader is sent, kept rendered.

Fronts and the few variants of each article (full text with the meter notice,
the teaser with its offer) are the same bytes for every anonymous reader. They
are rendered once per content generation and kept in each app server's
memory; per reader only the meter grant is computed (one atomic round trip to
the meter store), through the same policy functions as the full path.
"""
