"""The periods scheduled reports cover: the last whole month, quarter or year before a day."""

import datetime

from reporting.models import ReportFrequency


def last_complete_period(frequency: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last whole period that ended before `day` (a report is produced once it is over)."""
    if frequency == ReportFrequency.YEARLY:
        return datetime.date(day.year - 1, 1, 1), datetime.date(day.year - 1, 12, 31)
    months = 3 if frequency == ReportFrequency.QUARTERLY else 1
    first_month = (day.month - 1) // months * months + 1  # the period `day` is in
    start_of_current = datetime.date(day.year, first_month, 1)
    end = start_of_current - datetime.timedelta(days=1)
    start_month = end.month - months + 1
    return datetime.date(end.year, start_month, 1), end
