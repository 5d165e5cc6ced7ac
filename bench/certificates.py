"""Times certificates of merit against the target of issue 6 (speed), side by side in one run:

    python -m bench.certificates [--pages N] [--runs R] [--keep DIR]

1. a database with one decision of N recipients (Vietnamese names of every length, positions,
   organisations), entered through the validation layer and the record writer (not timed);
2. `print_certificates` of the decision into one PDF, and into N files (one per recipient, safe
   names, each written atomically): the whole action as the window and `antq certificates` run
   it — reading the register, giving and recording the serials, drawing, fsync — on a fresh copy
   of the database each run: the first run (the fonts still to load, as the first printing after
   the application starts) and the median of R runs; and apart the drawing alone (`render_pdf`);
3. beside them, the way offices do it today: the same N pages mail-merged into one `.docx` with
   python-docx (A4 landscape, the same words and font, a page break after each), then converted
   by LibreOffice headless (`soffice --convert-to pdf`, a fresh profile, its start-up included);
   and the same into N `.docx` files converted by `soffice` calls of 100 files (one call of
   1,000 stops silently after about 250 here). The column is skipped with
   a note where `soffice` or python-docx is not installed (`pip install -e .[bench]`,
   `apt install libreoffice-writer-nogui`).

Every PDF made is checked (`pdfinfo`: N pages; `pdffonts`: every font embedded) before its time
is printed. Goal: the single PDF at least 5× LibreOffice's pages per second.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DECISION = "1234/QĐ-UBND"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hữu", "Thu", "Xuân", "Công Tằng Tôn Nữ Thị"]
GIVEN = ["Hường", "Nam", "Lan", "Huy", "Bình", "Hạnh", "Dũng", "Phượng", "Tuấn", "Yến", "Khoa", "Nguyệt", "Quỳnh"]
POSITIONS = ["Chủ tịch Hội Liên hiệp Phụ nữ khu {n}", "Công an viên", "Tổ trưởng tổ dân phố số {n}",
             "Chi hội trưởng Chi hội Cựu chiến binh khu {n}", "Trưởng ban công tác Mặt trận khu {n}", ""]
ORGANISATIONS = ["womens_union", "police", "veterans", "farmers_union", "fatherland_front"]
ACHIEVEMENT = ("Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2025, góp phần giữ "
               "vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn")


def build_database(path: Path, pages: int) -> None:
    """An initialised database (Phường Hà Tu) with one decision of `pages` recipients."""
    import datetime as dt

    from db.engine import transaction
    from desktop.services.editing import save_record
    from desktop.services.installation import initialise
    from desktop.services.lookups import SessionLookups
    from desktop.services.records import RecordWriter
    from desktop.services.validation import validate

    database = initialise(path, "06652").database
    saved = save_record(database, "commendations", {
        "number": DECISION, "date": dt.date(2025, 9, 18), "authority": "Chủ tịch UBND phường Hà Tu",
        "form": "certificate_of_merit", "achievement": ACHIEVEMENT}, "bench")
    assert saved.saved, saved.violations
    chosen = random.Random(6)
    with transaction(database.sessions) as session:
        lookups = SessionLookups(session)
        writer = RecordWriter(session, "bench", lookups._own)
        for index in range(pages):
            person = chosen.random() < 0.9
            name = (f"{chosen.choice(FAMILY)} {chosen.choice(MIDDLE)} {chosen.choice(GIVEN)}" if person
                    else f"Tổ tự quản an ninh trật tự khu {index}")
            clean, violations = validate("recipients", {
                "decision_number": DECISION, "kind": "individual" if person else "collective", "name": name,
                "title": chosen.choice(["ms", "mr", "comrade"]) if person else None,
                "position": chosen.choice(POSITIONS).format(n=index % 12 + 1) if person else None,
                "organisation": chosen.choice(ORGANISATIONS)}, lookups)
            assert not violations, violations
            writer.save("recipients", clean)
        writer.audit.flush()
    database.dispose()


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def check_pdf(path: Path, pages: int) -> None:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    found = next(int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:"))
    assert found == pages, f"{path}: {found} pages, not {pages}"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    unembedded = [line for line in fonts if line.split()[-5] != "yes"]
    assert not unembedded, f"{path}: fonts not embedded: {unembedded}"


def timed(runs: int, prepare: Callable[[], None], action: Callable[[], None]) -> tuple[float, float]:
    """The first run (fonts still to load, as the first printing after the application starts)
    and the median of all `runs`."""
    times = []
    for _ in range(runs):
        prepare()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times)


def ours(base: Path, work: Path, pages: int, runs: int) -> dict[str, tuple[float, float]]:
    from desktop.services.certificates.layout import render_pdf
    from desktop.services.certificates.register import Signer, preview, print_certificates
    from desktop.services.installation import connect

    signer = Signer(title="Chủ tịch", name="Cao Tường Huy", authority_title="Chủ tịch Ủy ban nhân dân phường Hà Tu")
    db = work / "antq.sqlite3"
    one_pdf, folder = work / "giay-khen.pdf", work / "files"

    def fresh() -> None:
        copy_database(base, db)
        one_pdf.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()

    def print_to(out: Path) -> Callable[[], None]:
        def action() -> None:
            database = connect(db)
            try:
                result = print_certificates(database, DECISION, out, signer=signer)
                assert len(result.serials) == pages
            finally:
                database.dispose()
        return action

    results = {"one": timed(runs, fresh, print_to(one_pdf))}
    check_pdf(one_pdf, pages)
    results["files"] = timed(runs, fresh, print_to(folder))
    made = sorted(folder.iterdir())
    assert len(made) == pages
    check_pdf(made[0], 1)
    database = connect(db)
    with database.sessions() as session:
        batch = preview(session, DECISION, signer=signer)
    database.dispose()
    drawn = work / "drawn.pdf"
    results["render"] = timed(runs, lambda: None, lambda: render_pdf(
        drawn, [page for _, page in batch.pages], batch.template, batch.title))
    check_pdf(drawn, pages)
    return results


def mail_merge_pages(document: object, rows: list[tuple[str, str]]) -> None:
    """The same words as our certificate, one page per recipient, as an office's mail merge makes them."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt, RGBColor

    section = document.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(16))
    style = document.styles["Normal"]  # type: ignore[attr-defined]
    style.font.name = "DejaVu Serif"
    style.font.size = Pt(13)
    lines = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 14, True, False, None),
             ("Độc lập - Tự do - Hạnh phúc", 13, True, False, None),
             ("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HÀ TU", 15, True, False, None), ("TẶNG", 18, True, False, None),
             ("GIẤY KHEN", 40, True, False, RGBColor(0xC0, 0, 0))]
    for index, (name, position) in enumerate(rows):
        for text, size, bold, italic, color in [*lines, (name, 24, True, True, RGBColor(0xC0, 0, 0)),
                                                (position, 14, False, True, None), (ACHIEVEMENT, 15, False, False, None),
                                                (f"Quyết định số {DECISION} ngày 18/09/2025", 11, False, True, None),
                                                ("Quảng Ninh, ngày 18 tháng 9 năm 2025", 12, False, True, None),
                                                ("CHỦ TỊCH", 13, True, False, None), ("Cao Tường Huy", 14, True, False, None)]:
            paragraph = document.add_paragraph()  # type: ignore[attr-defined]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(2)
            run = paragraph.add_run(text)
            run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
            if color is not None:
                run.font.color.rgb = color
        if index < len(rows) - 1:
            run.add_break(WD_BREAK.PAGE)


def libreoffice(base: Path, work: Path, pages: int) -> dict[str, float] | str:
    """The office way, or why it was skipped."""
    soffice = shutil.which("soffice")
    try:
        import docx
    except ImportError:
        return "python-docx not installed (pip install -e .[bench])"
    if soffice is None:
        return "LibreOffice not installed (apt install libreoffice-writer-nogui)"
    from desktop.services.certificates.register import Signer as _Signer
    from desktop.services.certificates.register import preview
    from desktop.services.installation import connect

    database = connect(base)
    with database.sessions() as session:
        batch = preview(session, DECISION, signer=_Signer("Chủ tịch", "Cao Tường Huy", "Chủ tịch UBND phường Hà Tu"))
    database.dispose()
    rows = [(page.recipient, page.position) for _, page in batch.pages]
    profile = work / "lo-profile"
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf"]
    results: dict[str, float] = {}

    start = time.perf_counter()
    document = docx.Document()
    mail_merge_pages(document, rows)
    merged = work / "tron-thu.docx"
    document.save(str(merged))
    results["merge_one"] = time.perf_counter() - start
    subprocess.run([*command, "--outdir", str(work), str(merged)], check=True, capture_output=True)  # profile made
    (work / "tron-thu.pdf").unlink()
    start = time.perf_counter()
    subprocess.run([*command, "--outdir", str(work), str(merged)], check=True, capture_output=True)
    results["convert_one"] = time.perf_counter() - start
    check_pdf(work / "tron-thu.pdf", pages)

    folder = work / "docx"
    folder.mkdir()
    start = time.perf_counter()
    for index, row in enumerate(rows):
        document = docx.Document()
        mail_merge_pages(document, [row])
        document.save(str(folder / f"{index:04d}.docx"))
    results["merge_files"] = time.perf_counter() - start
    out = work / "docx-pdf"
    out.mkdir()
    files = sorted(map(str, folder.iterdir()))
    start = time.perf_counter()
    for first in range(0, len(files), 100):  # one call of 1,000 files stops silently after ~250 here
        subprocess.run([*command, "--outdir", str(out), *files[first:first + 100]], check=True, capture_output=True)
    results["convert_files"] = time.perf_counter() - start
    made = sorted(out.iterdir())
    assert len(made) == pages, f"LibreOffice made {len(made)} files"
    check_pdf(made[0], 1)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.certificates", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="median of this many runs of our side")
    parser.add_argument("--keep", type=Path, help="keep the databases and PDFs in this folder")
    args = parser.parse_args(argv)
    os.environ.setdefault("ANTQ_DATA_DIR", tempfile.mkdtemp(prefix="antq-bench-data-"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="antq-bench-cert-"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base.sqlite3"
    started = time.perf_counter()
    build_database(base, args.pages)
    print(f"(database with one decision of {args.pages:,} recipients built in {time.perf_counter() - started:.1f} s)",
          file=sys.stderr)
    mine = ours(base, work, args.pages, args.runs)
    office = libreoffice(base, work, args.pages)
    n = args.pages

    def rate(seconds: float) -> str:
        return f"{seconds:.2f} s ({n / seconds:,.0f} pages/s)"

    rows = [(f"{n:,} certificates → one PDF (print_certificates), first run", rate(mine["one"][0]), "")]
    rows.append((f"  median of {args.runs} runs", rate(mine["one"][1]), ""))
    rows.append(("  of which drawing alone (render_pdf), median", rate(mine["render"][1]), ""))
    rows.append((f"{n:,} certificates → {n:,} files, median", rate(mine["files"][1]), ""))
    if isinstance(office, str):
        rows.append(("LibreOffice headless (mail-merged .docx)", "skipped", office))
    else:
        rows.append((f"  python-docx mail merge, one .docx of {n:,} pages", f"{office['merge_one']:.2f} s", ""))
        rows.append(("  LibreOffice headless → one PDF", rate(office["convert_one"]), "baseline (~360 pages/s)"))
        rows.append((f"  python-docx, {n:,} .docx files", f"{office['merge_files']:.2f} s", ""))
        rows.append((f"  LibreOffice headless → {n:,} PDF files", rate(office["convert_files"]), ""))
        for label, ours_time in (("first run", mine["one"][0]), ("median", mine["one"][1])):
            rows.append((f"one PDF: ours ({label}) / LibreOffice's pages per second",
                         f"{office['convert_one'] / ours_time:.1f}×", "goal ≥ 5×"))
        rows.append((f"{n:,} files: ours / LibreOffice's", f"{office['convert_files'] / mine['files'][1]:.1f}×", ""))
    widths = [max(len(row[i]) for row in [("measurement", "result", "baseline/goal"), *rows]) for i in range(3)]
    print(" | ".join(h.ljust(w) for h, w in zip(("measurement", "result", "baseline/goal"), widths)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
