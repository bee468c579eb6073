"""The sheets of an export (participants with their progress, ratings by region and level, the review backlog),
with headers and names in the reader's language; the same for the bot and `tosbelgi export`."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.programme import ApplicationStatus, Direction, Level
from core.reports import Export
from locales.translations import Translator
from media.tables import Sheet

DIRECTIONS = tuple(Direction)


def participants_sheet(export: Export, t: Translator, zone: ZoneInfo) -> Sheet:
    statuses = {s.value: t(f"status-{s.value.replace('_', '-')}") for s in ApplicationStatus}
    levels = {level.value: t(f"level-{level.value}") for level in Level}
    regions = {code: t.name(region) for code, region in export.region_names.items()}
    localities = {code: t.name(locality) for code, locality in export.locality_names.items()}
    header = (
        t("export-col-id"),
        t("export-col-name"),
        t("export-col-status"),
        t("export-col-level"),
        t("export-col-region"),
        t("export-col-locality"),
        t("export-col-mentor"),
        t("export-col-activated"),
        t("export-col-rating"),
        *(t(f"direction-{d.value}") + ", %" for d in DIRECTIONS),
    )
    rows = [
        (
            row.app_id,
            row.full_name,
            statuses.get(row.status, row.status),
            levels.get(row.level, row.level),
            regions.get(row.region, row.region),
            localities.get(row.locality, row.locality) if row.locality else None,
            row.mentor,
            row.activated_at.astimezone(zone).date() if row.activated_at else None,
            row.rating,
            *(row.percents.get(d.value) for d in DIRECTIONS),
        )
        for row in export.participants
    ]
    return Sheet(t("export-sheet-participants"), header, rows)


def ratings_sheet(export: Export, t: Translator) -> Sheet:
    header = (t("export-col-region"), t("export-col-level"), t("export-col-participants"), t("export-col-rating"))
    rows = [
        (
            t.name(export.region_names[cell.region]) if cell.region in export.region_names else cell.region,
            t(f"level-{cell.level}") if cell.level in set(Level) else cell.level,
            cell.participants,
            cell.rating,
        )
        for cell in export.ratings
    ]
    return Sheet(t("export-sheet-ratings"), header, rows)


def backlog_sheet(export: Export, t: Translator, zone: ZoneInfo) -> Sheet:
    header = (
        t("export-col-mentor"),
        t("export-col-waiting"),
        t("export-col-oldest"),
        t("export-col-median-hours"),
    )
    rows = [
        (
            mentor.name,
            mentor.waiting,
            mentor.oldest.astimezone(zone).date(),
            round(mentor.median_review.total_seconds() / 3600) if mentor.median_review is not None else None,
        )
        for mentor in export.backlog
    ]
    return Sheet(t("export-sheet-backlog"), header, rows)


def sheets_of(export: Export, t: Translator, zone: ZoneInfo) -> tuple[Sheet, Sheet, Sheet]:
    return participants_sheet(export, t, zone), ratings_sheet(export, t), backlog_sheet(export, t, zone)


def file_stem(export: Export) -> str:
    """`tosbelgi-astana-2026-12-05`: the scope and the day, never a person."""
    return f"tosbelgi-{export.scope.code or 'kazakhstan'}-{export.made_on:%Y-%m-%d}"
