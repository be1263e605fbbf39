"""A tiny hand-made archive: three developing stories and two loners."""

from datetime import date

from masthead.recommendations.records import Record

STORIES = {
    "strike": [
        Record(
            "strike-1",
            "Ardmouth dockers walk out over pay",
            "Dockers at Ardmouth port began a strike on Monday after pay talks with the harbour board collapsed.",
            date(2024, 3, 4),
            "Britain",
        ),
        Record(
            "strike-2",
            "Ardmouth port strike enters third day",
            "Ships queued outside Ardmouth as the dockers' strike over pay went into its third day.",
            date(2024, 3, 6),
            "Britain",
        ),
        Record(
            "strike-3",
            "Harbour board offers Ardmouth dockers new pay deal",
            "The Ardmouth harbour board put a new pay offer to striking dockers, hoping to end the port strike.",
            date(2024, 3, 8),
            "Britain",
        ),
    ],
    "flood": [
        Record(
            "flood-1",
            "River Wend bursts its banks at Millbridge",
            "Hundreds of homes in Millbridge were flooded overnight when the River Wend burst its banks after storms.",
            date(2024, 1, 10),
            "Britain",
        ),
        Record(
            "flood-2",
            "Millbridge flood clean-up begins",
            "Residents of Millbridge began clearing mud from flooded homes as the River Wend fell back.",
            date(2024, 1, 12),
            "Britain",
        ),
        Record(
            "flood-3",
            "Insurers count cost of Millbridge floods",
            "",  # a headline-only brief
            date(2024, 1, 15),
            "Britain",
        ),
    ],
    "final": [
        Record(
            "final-1",
            "Kestrels reach the cup final",
            "Kestrels beat Harriers two goals to one in the semi-final to reach the cup final at Eastfield.",
            None,
            "Sport",
        ),
        Record(
            "final-2",
            "Kestrels win the cup final at Eastfield",
            "A late goal gave Kestrels the cup at Eastfield, their first final win in a decade.",
            None,
            "Sport",
        ),
    ],
}
LONERS = [
    Record(
        "recipe",
        "A summer salad of peaches and mint",
        "Slice ripe peaches, tear mint leaves and dress with lemon and olive oil.",
        date(2024, 7, 1),
        "Culture",
    ),
    Record(
        "telescope",
        "Observatory unveils a new telescope",
        "Astronomers switched on the observatory's new telescope to study distant galaxies.",
        date(2023, 11, 20),
        "World",
    ),
]


def archive() -> list[Record]:
    return [record for story in STORIES.values() for record in story] + LONERS


def story_of(record_id: str) -> str | None:
    for name, story in STORIES.items():
        if any(r.id == record_id for r in story):
            return name
    return None
