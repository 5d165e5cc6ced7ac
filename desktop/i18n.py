"""Messages of the headless services and the command line, in Vietnamese (default) and English.

The Qt interface translates its own widgets with `tr()`; what the services say (validation
messages, import reports, command output) comes from here so that the command line and the
window say the same words.
"""
from __future__ import annotations

LANGUAGES = ("vi", "en")

# One language for the whole process: a plain global, not a ContextVar, because background jobs
# run on worker threads, which would start with a ContextVar's default and speak Vietnamese
# in an English window.
_language = "vi"


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    return _language


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    vi, en = MESSAGES[key]
    text = en if (lang or _language) == "en" else vi
    return text.format(**values) if values else text


MESSAGES: dict[str, tuple[str, str]] = {
    # Validation
    "required": ("Bắt buộc phải nhập.", "Required."),
    "too_long": ("Dài quá {limit} ký tự ({length}).", "Longer than {limit} characters ({length})."),
    "control_chars": ("Có ký tự điều khiển không hợp lệ.", "Contains invalid control characters."),
    "bad_date": (
        "Ngày không hợp lệ: «{value}» (nhập dd/mm/yyyy).",
        "Invalid date: «{value}» (use dd/mm/yyyy).",
    ),
    "date_too_early": ("Ngày {value} trước năm {year}.", "Date {value} is before {year}."),
    "date_in_future": ("Ngày {value} ở tương lai.", "Date {value} is in the future."),
    "bad_integer": ("Không phải số nguyên: «{value}».", "Not a whole number: «{value}»."),
    "negative": ("Không được là số âm ({value}).", "Must not be negative ({value})."),
    "too_large": ("Lớn quá mức cho phép ({value} > {limit}).", "Too large ({value} > {limit})."),
    "unknown_code": (
        "«{value}» không có trong danh mục «{vocabulary}».",
        "«{value}» is not in the «{vocabulary}» list.",
    ),
    "members_over_attendees": (
        "Số hội viên ({members}) lớn hơn số người tham dự ({attendees}).",
        "Members ({members}) exceed attendees ({attendees}).",
    ),
    "period_order": (
        "Ngày bắt đầu giai đoạn ({start}) sau ngày kết thúc ({end}).",
        "Period starts ({start}) after it ends ({end}).",
    ),
    "typical_before_launch": (
        "Ngày công nhận điển hình ({typical}) trước ngày ra mắt ({launched}).",
        "Recognised as typical ({typical}) before launch ({launched}).",
    ),
    "typical_incomplete": (
        "Công nhận điển hình cần có ngày công nhận.",
        "A typical-model recognition needs its date.",
    ),
    "cameras_not_camera_model": (
        "Chỉ mô hình camera an ninh mới có số camera.",
        "Only a security camera model has cameras.",
    ),
    "unknown_unit": (
        "Không có đơn vị mã «{value}» trong {scheme}.",
        "No unit with code «{value}» in the {scheme}.",
    ),
    "unit_required_for_date": (
        "Ngày này thuộc danh mục đơn vị trước 01/7/2025: hãy ghi mã đơn vị cũ ({choices}).",
        "This date falls in the unit list before 1 July 2025: give the old unit's code ({choices}).",
    ),
    "unknown_organisation": ("Không rõ tổ chức «{value}».", "Unknown organisation «{value}»."),
    "unknown_source": ("Không có nguồn tin «{value}».", "No information source «{value}»."),
    "unknown_decision": ("Không có quyết định số «{value}».", "No decision numbered «{value}»."),
    "ambiguous_decision": (
        "Có nhiều quyết định số «{value}» ở các đơn vị khác nhau.",
        "Several decisions are numbered «{value}» in different units.",
    ),
    "duplicate_ref": (
        "Số hiệu «{value}» đã có ở đơn vị này.",
        "Reference «{value}» already exists in this unit.",
    ),
    "duplicate_in_file": (
        "Số hiệu «{value}» lặp lại ở dòng {line}.",
        "Reference «{value}» repeats line {line}.",
    ),
    "empty_list": ("Cần ít nhất một giá trị.", "At least one value is needed."),
    # Spreadsheets
    "file_not_found": ("Không tìm thấy tệp «{path}».", "File «{path}» not found."),
    "file_format": (
        "Tệp «{path}» phải là .csv hoặc .xlsx.",
        "File «{path}» must be .csv or .xlsx.",
    ),
    "file_unreadable": ("Không đọc được tệp «{path}»: {reason}", "Cannot read «{path}»: {reason}"),
    "file_encoding": (
        "Tệp CSV không phải UTF-8 (hãy lưu lại bằng «CSV UTF-8»).",
        "The CSV file is not UTF-8 (save it again as «CSV UTF-8»).",
    ),
    "missing_columns": ("Thiếu cột: {columns}.", "Missing columns: {columns}."),
    "duplicate_columns": ("Cột lặp lại: {columns}.", "Columns given twice: {columns}."),
    "unknown_columns": ("Cột không xác định: {columns}.", "Unknown columns: {columns}."),
    "empty_file": ("Tệp không có dòng dữ liệu nào.", "The file has no data rows."),
    "too_many_rows": ("Tệp có quá {limit} dòng.", "The file has more than {limit} rows."),
    "row_error": ("Dòng {line}, cột «{field}»: {message}", "Line {line}, column «{field}»: {message}"),
    "import_refused": (
        "Không nhập gì: {count} lỗi trong tệp «{path}».",
        "Nothing imported: {count} errors in «{path}».",
    ),
    "imported": (
        "Đã nhập {created} bản ghi mới, cập nhật {updated} bản ghi ({kind}).",
        "Imported {created} new and {updated} updated records ({kind}).",
    ),
    "exported": ("Đã xuất {count} bản ghi vào «{path}».", "Exported {count} records to «{path}»."),
    # Installation
    "no_installation": (
        "Cơ sở dữ liệu chưa được khởi tạo: chạy «antq init --unit MÃ» trước.",
        "The database is not set up: run «antq init --unit CODE» first.",
    ),
    "init_done": (
        "Đã khởi tạo cơ sở dữ liệu {db} (lược đồ {revision}) cho đơn vị {unit}.",
        "Database {db} ready (schema {revision}) for {unit}.",
    ),
    "backup_made": ("Đã sao lưu trước khi nâng cấp: {path}", "Backed up before upgrading: {path}"),
    "unit_not_current": (
        "Mã đơn vị «{value}» không có trong danh mục hiện hành (34 tỉnh, 3.321 xã).",
        "Unit code «{value}» is not in the current list (34 provinces, 3,321 communes).",
    ),
    "demo_done": (
        "Đã tạo {count} bản ghi mẫu trong {seconds} giây.",
        "Made {count} demo records in {seconds} s.",
    ),
    "bad_argument": ("Tham số không hợp lệ: {message}", "Invalid argument: {message}"),
    "database_error": ("Lỗi cơ sở dữ liệu: {message}", "Database error: {message}"),
    # Figures (desktop.services.stats)
    "stats_unknown_unit": (
        "Không có đơn vị mã «{code}» trong {scheme}, danh mục áp dụng cho ngày {day}.",
        "No unit with code «{code}» in the {scheme}, the list in force on {day}.",
    ),
    "stats_bad_period": (
        "Ngày bắt đầu ({start}) sau ngày kết thúc ({end}).",
        "The period starts ({start}) after it ends ({end}).",
    ),
    "stats_title": (
        "SỐ LIỆU PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC",
        'FIGURES OF THE MOVEMENT "ALL PEOPLE PROTECT NATIONAL SECURITY"',
    ),
    "stats_unit": ("Đơn vị", "Unit"),
    "stats_whole_database": ("Toàn bộ cơ sở dữ liệu", "Whole database"),
    "stats_code": ("mã", "code"),
    "stats_period": ("Thời gian", "Period"),
    "stats_all_time": ("toàn bộ thời gian", "all dates"),
    "stats_from_to": ("từ {start} đến {end}", "from {start} to {end}"),
    "stats_from_only": ("từ {start}", "from {start}"),
    "stats_to_only": ("đến {end}", "up to {end}"),
    "stats_sessions": ("Buổi tuyên truyền, tập huấn", "Dissemination sessions"),
    "stats_sessions_count": ("Số buổi", "Sessions"),
    "stats_attendees": ("Lượt người", "Attendees"),
    "stats_total": ("Tổng số", "Total"),
    "stats_of_whom_members": ("trong đó hội viên", "of whom members"),
    "stats_by_kind": ("Theo hình thức", "By kind"),
    "stats_by_topic": ("Theo nội dung", "By topic"),
    "stats_by_organisation": ("Theo tổ chức", "By organisation"),
    "stats_models": ("Mô hình", "Security models"),
    "stats_models_count": ("Số mô hình", "Models"),
    "stats_typical": ("Điển hình", "Typical"),
    "stats_launched": ("ra mắt trong kỳ", "launched in the period"),
    "stats_by_type": ("Theo loại", "By type"),
    "stats_sources": ("Nguồn tin", "Information sources"),
    "stats_number": ("Số lượng", "Number"),
    "stats_sources_count": ("Nguồn tin tiếp nhận", "Sources received"),
    "stats_cases": ("Vụ việc phát hiện từ nguồn tin", "Cases uncovered from sources"),
    "stats_individuals": ("Đối tượng", "Individuals involved"),
    "stats_commendations": ("Khen thưởng", "Commendations"),
    "stats_decisions": ("Quyết định khen thưởng", "Commendation decisions"),
    "stats_collectives": ("Tập thể được khen", "Collectives commended"),
    "stats_individuals_commended": ("Cá nhân được khen", "Individuals commended"),
    # window: list filters
    "unit_former": ("{name} (trước 01/7/2025)", "{name} (before 1 July 2025)"),
    # accounts / first run (desktop.services.accounts, desktop.services.setup)
    "account_username_length": (
        "Tên đăng nhập phải dài từ {min} đến {max} ký tự.",
        "The user name must be {min} to {max} characters long.",
    ),
    "account_username_chars": (
        "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các dấu . _ -",
        "The user name may only hold letters without accents, digits and . _ -",
    ),
    "account_username_taken": ("Tên đăng nhập «{value}» đã có.", "The user name «{value}» is taken."),
    "account_full_name_required": ("Hãy nhập họ và tên.", "Enter the full name."),
    "account_password_short": (
        "Mật khẩu phải có ít nhất {min} ký tự.",
        "The password must have at least {min} characters.",
    ),
    "account_password_mismatch": ("Mật khẩu nhập lại không khớp.", "The passwords do not match."),
    "account_already_set_up": (
        "Cơ sở dữ liệu này đã có tài khoản người dùng.",
        "This database already has user accounts.",
    ),
    # editing / forms (desktop.services.editing, desktop.ui.forms)
    "duplicate_number": (
        "Số quyết định «{value}» đã có ở đơn vị này.",
        "Decision number «{value}» already exists in this unit.",
    ),
    # window: screenshots
    "screenshot_usage": ("Cần tên màn hình và --out TỆP.png (xem: antq screenshot --list)",
                         "A view name and --out FILE.png are needed (see: antq screenshot --list)"),
    "screenshot_unknown_view": ("Không có màn hình “{view}”. Các màn hình: {views}",
                                "There is no view “{view}”. Views: {views}"),
    "screenshot_bad_size": ("Kích thước “{value}” không hợp lệ: dùng RỘNGxCAO, vd. 1280x800",
                            "Size “{value}” is not valid: use WIDTHxHEIGHT, e.g. 1280x800"),
    "screenshot_written": ("Đã ghi {path}", "Wrote {path}"),
    # permissions (issue 4)
    "permission_denied": ("Tài khoản {user} không có quyền làm việc này ({permission}).",
                          "Account {user} may not do this ({permission})."),
}
