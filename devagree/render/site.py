"""The workbook as a static web site: an overview, one page per agreement and per strategy.

The pages need no server and no network: styles and the small search script are files in
the site, charts are inline SVG, every link is relative. The same workbook gives the same
bytes (no timestamps, documents in id order), so a published site's git diff shows only
real changes. ``build_site`` returns the files; ``write_site`` puts them in a folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from devagree.core.errors import DevagreeError, ExitCode
from devagree.core.model import ROWS, Agreement, Item
from devagree.core.richtext import Block, BulletList, NumberedList, parse, parse_texts
from devagree.core.strategy_model import Strategy
from devagree.followup.charts import LIGHT_ORDER, StateChart, Timeline, state_chart, timeline
from devagree.followup.report_model import REPORT_TEXT, ReportAgreement, ReportItem, build_report
from devagree.i18n import _, document_language
from devagree.strategies.coverage import StrategyCoverage, compute
from devagree.strategies.rollup import budgets, sdg_name, sdgs, years_label

MANIFEST = ".devagree-site"
"""Lists the files of the last build, so a rebuild removes pages of deleted documents and
never touches a file it did not write."""

ASSETS = ("site.css", "site.js")
DUE_SOON = 60
"""Days ahead that "Due next" looks, as `devagree site --within` sets it."""


class SiteError(DevagreeError):
    """The output folder cannot take the site."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Link:
    """An item's structured link, resolved to a page of the site when it names one."""

    text: str
    href: str


def agreement_page(agreement_id: str) -> str:
    return f"agreements/{agreement_id}.html"


def strategy_page(strategy_id: str) -> str:
    return f"strategies/{strategy_id}.html"


def _item_key(item: ReportItem) -> tuple[bool, int, date, str, int]:
    """Overdue first (longest overdue first), then by due date; continuous work last."""
    due = item.due or date.max
    return (not item.overdue, -item.days_overdue, due, item.agreement_id, item.number)


def _blocks_kind(block: Block) -> str:
    if isinstance(block, BulletList):
        return "ul"
    if isinstance(block, NumberedList):
        return "ol"
    return "p"


class _Site:
    def __init__(
        self,
        agreements: Iterable[Agreement],
        strategies: Iterable[Strategy],
        as_of: date,
        language: str,
        municipality: str,
        others: Iterable[Agreement] = (),
        within: int = DUE_SOON,
    ) -> None:
        from devagree.render.docx import TEXT
        from devagree.render.strategy_parts import words
        from devagree.render.templating import environment

        self.language = document_language(language)
        self.shown = sorted(agreements, key=lambda a: a.id)
        """The agreements the overview is about (in force on the day, or --period)."""
        self.others = list(others)
        self.agreements = sorted([*self.shown, *self.others], key=lambda a: a.id)
        """Every agreement: each has its page, whichever the overview is about."""
        self.strategies = sorted(strategies, key=lambda s: s.id)
        self.agreement_by_id = {a.id: a for a in self.agreements}
        self.strategy_by_id = {s.id: s for s in self.strategies}
        self.as_of = as_of
        self.within = within
        self.municipality = municipality or next((a.municipality for a in self.agreements), "")
        self.report = build_report(self.shown, as_of, self.language, self.others)
        self.pages = build_report(self.agreements, as_of, self.language)
        self.coverage = compute(self.strategies, self.agreements)
        self.env = environment(self.language)
        self.common = {
            "doc": TEXT[self.language],
            "rep": REPORT_TEXT[self.language],
            "sw": words(self.language),
            "rows": [(r.key, r.label_in(self.language)) for r in ROWS],
            "lights": LIGHT_ORDER,
            "kind": _blocks_kind,
            "parse": parse,
            "parse_texts": parse_texts,
            "municipality": self.municipality,
            "as_of": as_of,
            "html_lang": self.language,
        }

    def render(self, template: str, root: str, **context: object) -> bytes:
        text = self.env.get_template(template).render(root=root, **self.common, **context)
        return text.encode("utf-8")

    def files(self) -> dict[str, bytes]:
        from devagree.render.svg_charts import agreement_lanes, starts

        begin = starts(self.agreements)
        out: dict[str, bytes] = {}
        by_id = {a.id: a for a in self.pages.agreements}
        for agreement in self.agreements:
            page = self._agreement(agreement, by_id[agreement.id], begin)
            out[agreement_page(agreement.id)] = page
        for strategy_coverage in self.coverage.strategies:
            out[strategy_page(strategy_coverage.strategy.id)] = self._strategy(strategy_coverage)
        lanes = agreement_lanes(self.report, begin, href="agreements/{id}.html")
        chart = state_chart(self.report)
        out["index.html"] = self.render(
            "index.html.j2",
            "",
            report=self.report,
            items=sorted(self.report.items, key=_item_key),
            upcoming=self._upcoming(),
            within=self.within,
            by_due=sorted(
                (i for i in self.report.items if i.due is not None),
                key=lambda i: (i.due, i.agreement_id, i.number),
            ),
            titles={a.id: a.title for a in self.report.agreements},
            models=self.agreement_by_id,
            coverage=self.coverage,
            chart=chart,
            states=self._states_svg(chart),
            timeline=self._timeline_svg(timeline(lanes, self.as_of), "deadlines"),
        )
        for name in ASSETS:
            out[f"assets/{name}"] = _asset(name)
        return dict(sorted(out.items()))

    def _upcoming(self) -> list[ReportItem]:
        """Open items due from the day to ``within`` days after it, the soonest first: what
        `devagree deadlines --within` lists as coming (overdue items have their own list)."""
        last = self.as_of + timedelta(days=self.within)
        soon = [
            item
            for item in self.report.items
            if item.due is not None
            and item.state.is_open
            and not item.overdue
            and self.as_of <= item.due <= last
        ]
        return sorted(soon, key=lambda i: (i.due or date.max, i.agreement_id, i.number))

    def _states_svg(self, chart: StateChart) -> str:
        from devagree.render.svg_charts import states_svg

        return states_svg(chart, "states", self.language)

    def _timeline_svg(self, chart: Timeline, element_id: str) -> str:
        from devagree.render.svg_charts import timeline_svg

        return timeline_svg(chart, element_id, self.language)

    def _agreement(
        self,
        agreement: Agreement,
        followed: ReportAgreement,
        begin: dict[tuple[str, int], date | None],
    ) -> bytes:
        from devagree.render.svg_charts import item_lanes

        chart = timeline(item_lanes(followed, begin), self.as_of)
        return self.render(
            "agreement.html.j2",
            "../",
            agreement=agreement,
            followed={i.number: i for i in followed.items},
            links={item.number: self._links(agreement, item) for item in agreement.items},
            timeline=self._timeline_svg(chart, "deadlines"),
        )

    def _links(self, agreement: Agreement, item: Item) -> list[Link]:
        strategies, agreements = self.strategy_by_id, self.agreement_by_id
        found: list[Link] = []
        for link in item.links:
            target, _, part = link.partition("#")
            strategy = strategies.get(target)
            track = strategy.track(part) if strategy else None
            if strategy and track:
                heading = f"{track.label}: {track.title}" if track.label else track.title
                found.append(
                    Link(f"{strategy.title}: {heading}", f"../{strategy_page(target)}#track-{part}")
                )
                continue
            other = agreements.get(target)
            if other and part.isdigit():
                titles = {i.number: i.title for i in other.items}
                if int(part) in titles:
                    page = "" if other.id == agreement.id else f"{other.id}.html"
                    found.append(
                        Link(f"{other.title}: {part}. {titles[int(part)]}", f"{page}#item-{part}")
                    )
                    continue
            found.append(Link(link, ""))
        return found

    def _strategy(self, covered: StrategyCoverage) -> bytes:
        from devagree.render import strategy_parts as parts
        from devagree.strategies.money import format_money

        strategy = covered.strategy
        budget = next(iter(budgets([strategy])), None)
        raws = [raw for _track, raw in parts.track_data(strategy)]
        return self.render(
            "strategy.html.j2",
            "../",
            strategy=strategy,
            covered=covered,
            document_parts=parts.document_parts(strategy),
            tracks=list(zip(covered.tracks, raws, strict=True)),
            track_parts=parts.track_parts,
            texts_blocks=parts.texts_blocks,
            action_points=parts.action_points,
            milestone_when=lambda m: parts.milestone_when(m, self.language),
            budget_phase=parts.budget_phase,
            budget_amount=lambda line: parts.budget_amount(line, self.language),
            agreement_titles={a.id: a.title for a in self.agreements},
            uses=sdgs([strategy]),
            sdg_name=lambda n: sdg_name(n, self.language),
            budget=budget,
            money=lambda m: format_money(m, self.language),
            years=lambda y: years_label(y, _("no year")),
        )


def _asset(name: str) -> bytes:
    from importlib.resources import files

    return files("devagree").joinpath("render", "site_templates", name).read_bytes()


def build_site(
    agreements: Iterable[Agreement],
    strategies: Iterable[Strategy],
    as_of: date,
    language: str = "da",
    municipality: str = "",
    others: Iterable[Agreement] = (),
    within: int = DUE_SOON,
) -> dict[str, bytes]:
    """Every file of the site, by its path in the site folder (``/`` separated), sorted.

    The overview is about ``agreements``; ``others`` (drafts, other periods) get their
    pages and a list of their own. "Due next" lists open items due within ``within`` days.
    """
    site = _Site(agreements, strategies, as_of, language, municipality, others, within)
    return site.files()


@dataclass(frozen=True, slots=True)
class Written:
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


def _inside(folder: Path, name: str) -> bool:
    """A manifest entry that names a file of the site (not ``../x`` nor an absolute path)."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def write_site(folder: Path, files: dict[str, bytes]) -> Written:
    """Put the site in ``folder``: each file replaced atomically, and only when it changed.

    A folder that holds files but no manifest of an earlier build is refused, so a site is
    never written over someone's documents; pages of an earlier build that are gone now are
    removed. Nothing is written or removed through a symbolic link inside the folder
    (``write_path.refuse_links``): every path is checked before the first file is written.
    """
    from devagree.core.write_path import refuse_links, remove_file, write_atomic

    manifest = folder / MANIFEST
    if folder.exists() and not folder.is_dir():
        raise SiteError(_("-o {folder}: this is a file, not a folder").format(folder=folder))
    if folder.is_dir() and any(folder.iterdir()) and not manifest.is_file():
        raise SiteError(
            _(
                "-o {folder}: the folder holds files that devagree did not write; "
                "name an empty or new folder"
            ).format(folder=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SiteError(
            _("-o {folder}: cannot create the folder ({reason})").format(
                folder=folder, reason=err.strerror
            )
        ) from None
    refuse_links(folder, manifest)
    before = manifest.read_text(encoding="utf-8").split() if manifest.is_file() else []
    stale = [name for name in before if name not in files and _inside(folder, name)]
    for name in [*files, *stale]:  # every path checked before the first is written
        refuse_links(folder, folder / name)
    changed: list[str] = []
    unchanged: list[str] = []
    for name, data in files.items():
        target = folder / name
        if target.is_file() and target.read_bytes() == data:
            unchanged.append(name)
            continue
        write_atomic(target, data, inside=folder)
        changed.append(name)
    removed = [name for name in stale if (folder / name).is_file()]
    for name in removed:
        remove_file(folder / name, inside=folder)
    listing = "".join(f"{name}\n" for name in files)
    if before != list(files):
        write_atomic(manifest, listing, inside=folder)
    return Written(tuple(changed), tuple(unchanged), tuple(removed))
