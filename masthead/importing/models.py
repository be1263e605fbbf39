"""What an import brought in, so that the next run of the same export finds it again.

Each record of an export (a story, an author, a section, a topic, a picture)
is keyed by where it came from (``source``, ``kind``, ``source_id``) and
points at the object it became. ``fingerprint`` is a hash of the record as it
was last applied: a second run skips a record whose hash is unchanged and
updates one whose hash moved, so repeating an import duplicates nothing.
"""

from django.db import models


class ImportedItem(models.Model):
    class Kind(models.TextChoices):
        STORY = "story", "story"
        AUTHOR = "author", "author"
        SECTION = "section", "section"
        TOPIC = "topic", "topic"
        IMAGE = "image", "image"

    source = models.CharField(max_length=32, help_text="wordpress or ghost")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    source_id = models.CharField(max_length=255, help_text="The item's key in the export.")
    # A story's or section's page id, an author's, topic's or image's row id: ``kind`` says which.
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="unique_imported_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.source_id}"
