"""The /check/ page: paste claims (JSON, CSV or 837D), upload a file, or type a few lines.

Shows the findings line by line, a tooth chart per claim and a CSV of the findings to
download; the same checks as `cdthub check` and POST /api/v1/claims/check.
"""

from __future__ import annotations

import base64
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from cdthub.catalog import snapshot
from cdthub.community import ratelimit
from cdthub.core.claims.formats import FORMATS, UnreadableFile
from cdthub.core.claims.packs import load_pack, pack_names
from cdthub.core.claims.records import lines_numbering
from cdthub.core.claims.rules import ALL_RULES

from . import typed
from .chart import tooth_chart
from .services import (
    MAX_BYTES,
    CheckedClaim,
    Report,
    check_bytes,
    check_form,
    findings_csv,
    pack_named,
)

EXAMPLE = """{"id": "A-100", "patient": {"birth_date": "1984-02-11"},
 "lines": [{"date": "2026-03-02", "code": "D0120"},
           {"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"},
           {"date": "2026-03-02", "code": "D3330", "tooth": "8"}],
 "history": [{"date": "2025-12-01", "code": "D0150"}]}"""


def _upload(request: HttpRequest) -> bytes:
    upload = request.FILES.get("file")
    if upload is None:
        raise UnreadableFile("choose a file to upload")
    if upload.size is not None and upload.size > MAX_BYTES:
        raise UnreadableFile(
            f"the file is {upload.size / 1048576:.1f} MB; up to {MAX_BYTES // 1048576} MB can "
            "be checked here: use the command cdthub check for bigger files"
        )
    return upload.read()


def _run(request: HttpRequest, context: dict[str, Any]) -> Report:
    post = request.POST
    catalog = snapshot.get().catalog
    pack = pack_named(post.get("pack"))
    fmt = post.get("format") if post.get("format") in FORMATS else None
    mode = context["mode"]
    if mode == "lines":
        return check_form(typed.claim_record(post, context["rows"]), catalog, pack)
    if mode == "upload":
        return check_bytes(_upload(request), fmt, catalog, pack)
    text = post.get("text", "")
    if not text.strip():
        raise UnreadableFile("paste claims first: JSON, CSV or an X12 837D file's text")
    return check_bytes(text.encode("utf-8"), fmt, catalog, pack)


def _chart(checked: CheckedClaim, place: int) -> tuple[CheckedClaim, str, str]:
    """A claim with its tooth chart (empty when it names no tooth), labelled in the claim's own
    numbering, and the caption naming that numbering."""
    iso = lines_numbering(checked.claim.lines) == "JO"
    both = len({line.tooth_system for line in checked.claim.lines if line.tooth}) > 1
    marked = checked.marked_teeth()
    marks = {label: level for label, (level, _) in marked.items()}
    # each tooth leads to the line that says most about it (the rows' ids, in the template)
    links = {label: f"#claim-{place}-line-{number}" for label, (_, number) in marked.items()}
    # our own SVG, labels escaped
    chart = mark_safe(tooth_chart(marks, iso, both, links)) if marks else ""
    caption = (
        "ISO 3950 numbering (Universal layout)"
        if iso
        else "Universal numbering (the claim mixes in ISO numbers: each tooth's is in its tooltip)"
        if both
        else "Universal numbering"
    )
    return checked, chart, caption


def check(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "packs": [(name, load_pack(name).title) for name in pack_names()],
        "formats": FORMATS,
        "example": EXAMPLE,
        "max_mb": MAX_BYTES // 1024 // 1024,
        "max_bytes": MAX_BYTES,
        "mode": "paste",
        "rows": typed.blank_rows(),
        "post": {},
        "rules": sorted(ALL_RULES, key=lambda rule: rule.id),
    }
    if request.method != "POST":
        return render(request, "checker/check.html", context)
    counter = ratelimit.Counter.for_client("check", request)
    if not counter.take():
        return ratelimit.too_many(request, counter, "claim checks")
    try:
        post = request.POST
        request.FILES  # noqa: B018 - read the upload now, inside the size guard
    except RequestDataTooBig:
        context["error"] = (
            f"That is more than {context['max_mb']} MB: use the command cdthub check."
        )
        return render(request, "checker/check.html", context, status=413)
    mode = post.get("mode") if post.get("mode") in ("paste", "upload", "lines") else "paste"
    context.update(mode=mode, rows=typed.read_rows(post, judge=mode == "lines"), post=post)
    try:
        report = _run(request, context)
    except UnreadableFile as exc:
        said = str(exc)
        if mode == "paste" and said.startswith("the file "):  # pasted: no file to speak of
            said = "the text " + said.removeprefix("the file ")
        context["error"] = said
        return render(request, "checker/check.html", context, status=400)
    csv_text = findings_csv(report.located).encode("utf-8")
    upload = request.FILES.get("file") if mode == "upload" else None
    context.update(
        report=report,
        source_name=upload.name if upload is not None else "",
        pack_used=pack.title if (pack := pack_named(post.get("pack"))) else "",
        ready=sum(1 for checked in report.claims if not checked.errors),
        charts=[_chart(checked, n) for n, checked in enumerate(report.claims, start=1)],
        file_findings=[f for f in report.findings if f.claim is None],
        csv_url="data:text/csv;charset=utf-8;base64," + base64.b64encode(csv_text).decode(),
    )
    return render(request, "checker/check.html", context)
