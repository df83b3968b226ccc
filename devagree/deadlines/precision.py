"""How finely a deadline names its time, from one day to work that has no end."""

from __future__ import annotations

from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    PART_OF_WEEK = "part_of_week"
    MONTH = "month"
    PART_OF_MONTH = "part_of_month"
    QUARTER = "quarter"
    PART_OF_QUARTER = "part_of_quarter"
    HALF_YEAR = "half_year"
    PART_OF_HALF_YEAR = "part_of_half_year"
    SEASON = "season"
    PART_OF_SEASON = "part_of_season"
    HOLIDAY = "holiday"
    PART_OF_YEAR = "part_of_year"
    YEAR = "year"
    RANGE = "range"
    """From the start of one period to the end of another ("april-maj 2017", "2016-2017")."""
    CONTINUOUS = "continuous"
