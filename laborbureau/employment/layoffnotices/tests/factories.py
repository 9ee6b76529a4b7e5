"""Factories of the layoff notices: files written in the encodings employers use, and
notices filed through the services."""

import io
import zipfile
from datetime import date, timedelta
from xml.sax.saxutils import escape

from django.utils import timezone

from laborbureau.core.tests.factories import EmployerFactory, employer_user, national_id
from laborbureau.employment.layoffnotices import services
from laborbureau.employment.tests.factories import counsellor, vacancy

__all__ = ["counsellor", "vacancy", "employer_account", "worker_values", "csv_bytes", "xlsx_bytes", "file_notice",
           "in_days", "HEADER", "committed"]

HEADER = ["身分證統一編號", "姓名", "性別", "出生日期", "電話", "住址", "電子郵件", "擔任工作", "資遣事由", "離職日",
          "需否就業輔導"]


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def employer_account():
    return employer_user(EmployerFactory())


def worker_values(*, id_number: str | None = None, last_day: date | str | None = None, **overrides) -> dict:
    values = {
        "id_number": id_number or national_id(), "name": "王小明", "sex": "男", "birth_date": "1980-05-31",
        "phone": "0912-345-678", "address": "臺北市信義區市府路1號", "email": "", "position": "作業員",
        "ground": "11-2", "last_day": last_day if isinstance(last_day, str) else (last_day or in_days(30)).isoformat(), "needs_assistance": "是",
    }
    values.update(overrides)
    return values


def _row(values: dict) -> list[str]:
    keys = ["id_number", "name", "sex", "birth_date", "phone", "address", "email", "position", "ground", "last_day",
            "needs_assistance"]
    return [str(values.get(key, "")) for key in keys]


def csv_bytes(workers: list[dict], *, encoding: str = "utf-8", header: list[str] | None = None) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header or HEADER)
    for values in workers:
        writer.writerow(_row(values) if isinstance(values, dict) else values)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(workers: list[dict], *, header: list[str] | None = None) -> bytes:
    """A minimal Office Open XML workbook (inline strings), as Excel or LibreOffice read it."""
    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'

    lines = [header or HEADER] + [_row(values) for values in workers]
    sheet_rows = []
    for number, line in enumerate(lines, start=1):
        cells = "".join(cell(f"{chr(65 + index)}{number}", text) for index, text in enumerate(line))
        sheet_rows.append(f'<row r="{number}">{cells}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rel_ns}><sheets>'
                                            '<sheet name="資遣名冊" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml",
                         f'<?xml version="1.0"?><worksheet {ns}><dimension ref="A1:K{len(lines)}"/><sheetData>'
                         + "".join(sheet_rows) + "</sheetData></worksheet>")
    return buffer.getvalue()


def file_notice(account=None, workers: list[dict] | None = None, **overrides):
    account = account or employer_account()
    data = services.NoticeInput(workers=workers or [worker_values()], **{"establishment_name": "總公司", **overrides})
    with committed():
        return services.notice_file(data=data, actor=account)


def committed():
    """Run the on-commit work (the tasks: validation, invitations) as a commit would."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)
