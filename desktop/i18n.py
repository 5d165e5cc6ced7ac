"""Messages of the headless services and the command line, in Vietnamese (default) and English.

The Qt interface translates its own widgets with `tr()`; what the services say (validation
messages, import reports, command output) comes from here so that the command line and the
window say the same words.
"""
from __future__ import annotations

import unicodedata

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
    return text.format(**{name: shown(value) for name, value in values.items()}) if values else text


SHOWN_MAX = 120  # characters of a value a message repeats


def shown(value: object) -> object:
    """A value as a message may repeat it: control and formatting characters (NUL, terminal
    escapes, a right-to-left override, zero-width spaces) become "�" so that they cannot garble
    the message or the terminal, and a very long value is shortened in the middle."""
    if not isinstance(value, str):
        return value
    text = "".join("�" if unicodedata.category(c) in ("Cc", "Cf") else c for c in value.replace("\n", " "))
    if len(text) > SHOWN_MAX:
        text = text[:SHOWN_MAX - 31] + "…" + text[-30:]
    return text


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
    # accounts, sign-in and record scopes (issue 4: accounts helper)
    "permission_out_of_scope": ("Tài khoản {user} không được ghi bản ghi của đơn vị hoặc tổ chức khác.",
                                "Account {user} may not write records of another unit or organisation."),
    "account_not_found": ("Không có tài khoản này.", "There is no such account."),
    "account_role_unknown": ("Hãy chọn vai trò.", "Choose a role."),
    "account_unit_outside": ("Đơn vị phải là đơn vị của cơ sở dữ liệu này hoặc một đơn vị trực thuộc.",
                             "The unit must be this database's unit or a unit under it."),
    "account_organisation_required": ("Cán bộ hội, đoàn thể cần có tổ chức.",
                                      "A union clerk needs an organisation."),
    "account_not_yourself": ("Không thể tự khóa tài khoản của mình.", "You cannot disable your own account."),
    "account_last_admin": ("Không thể khóa quản trị viên cuối cùng đang hoạt động.",
                           "The last active administrator cannot be disabled."),
    "account_old_password_wrong": ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    "account_password_same": ("Mật khẩu mới phải khác mật khẩu cũ.", "The new password must differ from the old one."),
    "sign_in_empty": ("Hãy nhập tên đăng nhập và mật khẩu.", "Enter your user name and password."),
    "sign_in_wrong": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "sign_in_wait": ("Đã nhập sai {count} lần liên tiếp: hãy đợi {wait} rồi thử lại.",
                     "{count} failed attempts in a row: wait {wait} before trying again."),
    "sign_in_inactive": ("Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.",
                         "This account is disabled. Ask an administrator."),
    "duration_seconds": ("{seconds} giây", "{seconds} s"),
    "duration_minutes": ("{minutes} phút {seconds} giây", "{minutes} min {seconds} s"),
    "duration_whole_minutes": ("{minutes} phút", "{minutes} min"),
    # identities helper (issue 4): desktop.services.keys, identities, exposure
    "key_wrong_passphrase": ("Sai mật khẩu: không mở được khóa danh tính.",
                             "Wrong password: the identity key could not be opened."),
    "key_no_installation_key": ("Chưa có khóa danh tính: cần một chỉ huy tạo khóa trước.",
                                "There is no identity key yet: a commander must set it up first."),
    "key_no_user_key": ("Tài khoản {user} không giữ khóa danh tính.",
                        "Account {user} does not hold the identity key."),
    "key_mismatch": ("Khóa không khớp với khóa danh tính của cơ sở dữ liệu này.",
                     "The key does not match this database's identity key."),
    "passphrase_prompt": ("Mật khẩu (khóa danh tính): ", "Password (identity key): "),
    "passphrase_file_empty": ("Tệp mật khẩu {path} trống.", "The passphrase file {path} is empty."),
    "passphrase_file_unreadable": ("Không đọc được tệp mật khẩu {path} ({error}).",
                                   "Cannot read the passphrase file {path} ({error})."),
    "identity_empty": ("Danh tính trống.", "The identity is empty."),
    "identity_too_long": ("Danh tính dài quá {limit} ký tự ({length}).",
                          "The identity is longer than {limit} characters ({length})."),
    "identity_no_source": ("Không có nguồn tin số {id}.", "There is no information source {id}."),
    "identity_none": ("Nguồn tin {ref} chưa có danh tính đã lưu.", "Source {ref} has no recorded identity."),
    "identity_unreadable": (
        "Không mở được danh tính của nguồn tin số {id}: dữ liệu bị hỏng hoặc bị chuyển sang bản ghi khác.",
        "The identity of source {id} cannot be opened: the data is damaged or was moved to another record.",
    ),
    "exposure_title": ("Dữ liệu có trong tệp {target}", "Data held in the file {target}"),
    "exposure_kind": ("{kind}: {count} bản ghi ({deleted} đã xóa), ngày {first} – {last}",
                      "{kind}: {count} records ({deleted} deleted), dated {first} – {last}"),
    "exposure_kind_empty": ("{kind}: không có bản ghi", "{kind}: no records"),
    "exposure_identities": (
        "Danh tính người cung cấp tin: {count} (đã mã hóa; không đọc được nếu không có mật khẩu của chỉ huy)",
        "Informant identities: {count} (encrypted; unreadable without a commander's password)",
    ),
    "exposure_key_holders": ("Tài khoản giữ khóa danh tính: {count}", "Accounts holding the identity key: {count}"),
    "exposure_users": ("Tài khoản người dùng: {count} ({roles})", "User accounts: {count} ({roles})"),
    "exposure_user": ("  {username} — {full_name} — {role}{inactive}", "  {username} — {full_name} — {role}{inactive}"),
    "exposure_inactive": (" (đã khóa)", " (disabled)"),
    "exposure_audit": ("Nhật ký: {count} mục, {first} – {last}", "Audit trail: {count} entries, {first} – {last}"),
    "exposure_advice": (
        "Theo Luật Bảo vệ dữ liệu cá nhân: báo cáo sự cố trong vòng 72 giờ (xem docs/SECURITY.md).",
        "Under the Law on Personal Data Protection: report the breach within 72 hours (see docs/SECURITY.md).",
    ),
    # approvals and locking (desktop.services.approvals; issue 4, approvals helper)
    "approval_quarter": ("quý {quarter}/{year}", "Q{quarter} {year}"),
    "approval_locked": ("Đã được duyệt kỳ {period}: bỏ duyệt trước khi sửa",
                        "Period {period} has been approved: un-approve it before editing"),
    "approval_bad_period": ("Kỳ duyệt phải là trọn một tháng hoặc một quý.",
                            "An approval covers a whole calendar month or quarter."),
    "approval_future": ("Kỳ {period} chưa bắt đầu.", "Period {period} has not started yet."),
    "approval_overlap": ("{unit} đã được duyệt kỳ {period}, trùng với kỳ này.",
                         "{unit} already has period {period} approved, which overlaps this one."),
    "approval_unit_outside": ("Chỉ duyệt được đơn vị mình và các đơn vị trực thuộc.",
                              "You may approve only your own unit and the units under it."),
    "approval_unknown_unit": ("Không có đơn vị này.", "No such unit."),
    "approval_not_found": ("Không có lần duyệt này.", "No such approval."),
    "approval_already_revoked": ("Kỳ {period} đã được bỏ duyệt trước đó.", "Period {period} was already un-approved."),
    "approval_reason_required": ("Hãy ghi lý do bỏ duyệt.", "Give the reason for un-approving."),
    "stats_approved_only": ("Chỉ số liệu đã duyệt", "Approved data only"),
    # backups and checks (desktop.services.backups, desktop.services.checks, antq check/backup/restore;
    # issue 4, backups helper)
    "check_quick_check": ("Kiểm tra nhanh tệp (quick_check)", "Quick check of the file (quick_check)"),
    "check_integrity_check": ("Toàn vẹn tệp (integrity_check)", "File integrity (integrity_check)"),
    "check_foreign_key_check": ("Khóa ngoại (foreign_key_check)", "Foreign keys (foreign_key_check)"),
    "check_audit_chain": ("Chuỗi nhật ký ({count} mục)", "Audit chain ({count} entries)"),
    "check_line_ok": ("{label}: đạt", "{label}: ok"),
    "check_line_skipped": ("{label}: không áp dụng (máy chủ tự kiểm tra)", "{label}: not applicable (the server checks it)"),
    "check_line_failed": ("{label}: KHÔNG ĐẠT — {problem}{more}", "{label}: FAILED — {problem}{more}"),
    "check_more": (" (và {count} lỗi khác)", " (and {count} more)"),
    "check_unreadable": ("Không đọc được tệp dữ liệu: {message}", "The database file cannot be read: {message}"),
    "check_page_problem": ("Tệp dữ liệu bị hỏng: {message}", "The database file is damaged: {message}"),
    "check_fk_problem": (
        "Dòng {rowid} của bảng {table} trỏ tới một dòng không có trong bảng {parent}.",
        "Row {rowid} of table {table} points to a row missing from table {parent}.",
    ),
    "check_fk_more": ("… và {count} dòng khác như vậy.", "… and {count} more such rows."),
    "audit_edited": (
        "Mục nhật ký số {id} đã bị sửa (nội dung không khớp với mã băm của nó).",
        "Audit entry {id} was edited (its content does not match its hash).",
    ),
    "audit_reordered": (
        "Mục nhật ký số {id} bị đổi chỗ: theo chuỗi, nó phải đứng sau mục số {other}.",
        "Audit entry {id} was moved: in the chain it belongs after entry {other}.",
    ),
    "audit_removed_start": (
        "Đã có mục nhật ký bị xóa trước mục số {id} (đầu chuỗi bị mất).",
        "Audit entries were removed before entry {id} (the start of the chain is missing).",
    ),
    "audit_removed": (
        "Mục nhật ký số {first}–{last} đã bị xóa (chuỗi đứt ngay trước mục số {id}).",
        "Audit entries {first}–{last} were removed (the chain breaks just before entry {id}).",
    ),
    "audit_rehashed": (
        "Mục nhật ký số {id} đã bị sửa và tính lại mã băm (mục số {next} không còn khớp với nó).",
        "Audit entry {id} was edited and rehashed (entry {next} no longer matches it).",
    ),
    "audit_tail_removed": (
        "Các mục nhật ký sau mục số {id} đã bị xóa (đầu chuỗi {head}… không còn trong nhật ký).",
        "Audit entries after entry {id} were removed (the chain head {head}… is no longer in the log).",
    ),
    "env_disk_full": (
        "Ổ đĩa đã đầy: không ghi được. Dữ liệu đã lưu trước đó vẫn còn nguyên; hãy giải phóng chỗ trống rồi làm lại.",
        "The disk is full: nothing could be written. Data saved before is intact; free some space and try again.",
    ),
    "env_locked": (
        "Tệp dữ liệu đang bị một chương trình khác khóa. Hãy đóng chương trình đó (hoặc chờ một lát) rồi làm lại.",
        "The database file is locked by another program. Close it (or wait a moment) and try again.",
    ),
    "env_read_only": (
        "Không ghi được{where}: thư mục hoặc tệp chỉ cho đọc, hoặc không có quyền ghi. Không có gì bị mất.",
        "Cannot write{where}: the folder or file is read-only, or you may not write there. Nothing was lost.",
    ),
    "env_cannot_open": (
        "Không mở được tệp{where}: tệp không còn ở đó hoặc ổ đĩa đã bị rút ra.",
        "Cannot open the file{where}: it is no longer there, or the drive was removed.",
    ),
    "env_other": ("Máy tính báo lỗi: {message}", "The computer reported: {message}"),
    "backup_bad_copy": (
        ("Bản sao lưu vừa ghi không qua được kiểm tra toàn vẹn nên đã bị xóa ({problem}). "
         "Tệp dữ liệu có thể đã hỏng: hãy chạy «antq check»."),
        ("The backup just written failed its integrity check and was deleted ({problem}). "
         "The database file may be damaged: run «antq check»."),
    ),
    "backup_source_damaged": ("Không sao lưu được: tệp dữ liệu bị hỏng ({message}).",
                              "Cannot back up: the database file is damaged ({message})."),
    "backup_no_database": ("Không có tệp dữ liệu {path}.", "There is no database file {path}."),
    "backup_sqlite_only": (
        "Sao lưu và khôi phục chỉ dành cho tệp SQLite; với máy chủ PostgreSQL hãy dùng pg_dump.",
        "Backup and restore are for SQLite files; for a PostgreSQL server use pg_dump.",
    ),
    "backup_written": ("Đã sao lưu vào {path}", "Backed up to {path}"),
    "backup_none": ("Chưa có bản sao lưu nào trong {folder}", "No backups yet in {folder}"),
    "restore_no_backup": ("Không có tệp sao lưu {path}.", "There is no backup file {path}."),
    "restore_same_file": ("Tệp sao lưu chính là tệp dữ liệu.", "The backup file is the database file itself."),
    "restore_bad_backup": (
        "Không khôi phục từ {path}: bản sao lưu này bị hỏng ({problem}). Hãy chọn bản khác.",
        "Not restoring from {path}: this backup is damaged ({problem}). Choose another one.",
    ),
    "restore_failed_check": ("Sau khi khôi phục, tệp dữ liệu không qua được kiểm tra: {problem}",
                             "After the restore, the database file fails its check: {problem}"),
    "restore_confirm": (
        ("Khôi phục {backup} vào {database}? Dữ liệu hiện tại sẽ được thay thế (một bản sao của nó được giữ "
         "lại trước). Gõ «c» để đồng ý [c/K]: "),
        ("Restore {backup} into {database}? The current data will be replaced (a copy of it is kept first). "
         "Type «y» to go ahead [y/N]: "),
    ),
    "restore_cancelled": ("Đã hủy: không thay đổi gì.", "Cancelled: nothing changed."),
    "restored": ("Đã khôi phục {database} từ {backup}.", "Restored {database} from {backup}."),
    "restore_kept_previous": ("Dữ liệu trước khi khôi phục được giữ tại {path}",
                              "The data as it was before the restore is kept in {path}"),
    "restore_kept_damaged": ("Tệp cũ bị hỏng; vẫn được giữ lại tại {path}",
                             "The old file was damaged; it is kept all the same in {path}"),
    # command line: reveal
    "reveal_not_found": ("Không có nguồn tin {source} hoặc tài khoản {user}.",
                         "There is no source {source} or no account {user}."),
    # hostile input (issue 4)
    "account_full_name_control": ("Họ và tên có ký tự điều khiển hoặc ký tự ẩn: hãy gõ lại.",
                                  "The full name holds control or invisible characters: type it again."),
    "bad_path": ("Đường dẫn tệp không dùng được (có ký tự rỗng hoặc tên quá dài): {path}",
                 "The file path cannot be used (a null character, or a name too long): {path}"),
    "count_range": ("Cần một số từ {low} đến {high}, không phải «{value}»",
                    "A number from {low} to {high} is needed, not «{value}»"),
    # grant key (issue 4: giving a commander the identity key again)
    "grant_not_commander": ("Chỉ cấp khóa xem danh tính cho một chỉ huy đang hoạt động.",
                            "The identity key is given only to an active commander."),
    "grant_already_holds": ("Tài khoản {user} đã giữ khóa xem danh tính.", "{user} already holds the identity key."),
    "grant_no_granter": ("Hãy chọn một chỉ huy đang giữ khóa xem danh tính.",
                         "Choose a commander who holds the identity key."),
    "grant_password_required": ("Hãy nhập mật khẩu.", "Enter the password."),
    "grant_granter_password_wrong": ("Sai mật khẩu của {user}: không mở được khóa xem danh tính.",
                                     "Wrong password for {user}: the identity key does not open."),
    "grant_grantee_password_wrong": ("Đây không phải mật khẩu đăng nhập của {user}.",
                                     "This is not {user}'s sign-in password."),
    # exchange keys (issue 5, keys helper): desktop.services.exchange.keys, antq keys
    "xkey_passphrase_short": ("Cụm từ mật khẩu cần ít nhất {count} ký tự.",
                              "The passphrase needs at least {count} characters."),
    "xkey_no_own_key": ("Máy này chưa có khóa trao đổi: chạy «antq keys init-province» hoặc «antq keys init-unit» trước.",
                        ("This installation has no exchange key yet: run «antq keys init-province» or "
                         "«antq keys init-unit» first.")),
    "xkey_wrong_passphrase": ("Sai cụm từ mật khẩu: không mở được khóa trao đổi.",
                              "Wrong passphrase: the exchange key does not open."),
    "xkey_mismatch": ("Khóa trao đổi lưu trong cơ sở dữ liệu không khớp (tệp dữ liệu có thể bị hỏng).",
                      "The stored exchange key does not match itself (the database file may be damaged)."),
    "xkey_no_folder": ("Không có thư mục {path} (USB đã cắm chưa?).", "There is no folder {path} (is the USB stick in?)."),
    "xkey_write_failed": ("Không ghi được {path}: {problem}", "Cannot write {path}: {problem}"),
    "xkey_file_missing": ("Không có tệp khóa {path}.", "There is no key file {path}."),
    "xkey_file_unreadable": ("Không đọc được tệp khóa {path} ({error}).", "Cannot read the key file {path} ({error})."),
    "xkey_file_too_big": ("{name} không phải tệp khóa: lớn hơn {limit} KB.",
                          "{name} is not a key file: larger than {limit} KB."),
    "xkey_not_json": ("{name} không phải tệp khóa ANTQ (không đọc được nội dung JSON).",
                      "{name} is not an ANTQ key file (its content is not readable JSON)."),
    "xkey_bad_field": ("Tệp khóa {name} không hợp lệ: mục «{field}» thiếu hoặc sai.",
                       "The key file {name} is not valid: «{field}» is missing or wrong."),
    "xkey_newer_format": ("Tệp khóa {name} do phiên bản mới hơn tạo ra (định dạng {version}): hãy cập nhật phần mềm.",
                          "The key file {name} was made by a newer version (format {version}): update the software."),
    "xkey_is_receiver": ("{name} là tệp khóa của tỉnh (nơi nhận), không phải tệp đăng ký khóa của đơn vị.",
                         "{name} is a province's (receiver's) key file, not a unit's enrolment file."),
    "xkey_is_enrolment": ("{name} là tệp đăng ký khóa của một đơn vị, không phải tệp khóa của tỉnh.",
                          "{name} is a unit's enrolment file, not a province's key file."),
    "xkey_wrong_type": ("{name} không phải loại tệp khóa cần dùng ở đây.", "{name} is not the kind of key file needed here."),
    "xkey_unknown_unit": ("Tệp khóa {name} ghi đơn vị {unit} (mã {code}) không có trong danh mục đơn vị.",
                          "The key file {name} names unit {unit} (code {code}), which is not in the unit list."),
    "xkey_own_file": ("{name} là khóa của chính máy này.", "{name} holds this installation's own key."),
    "xkey_no_receiver": ("Chưa có khóa của tỉnh (nơi nhận): chạy «antq keys init-unit --province-key TỆP».",
                         "No province (receiver) key yet: run «antq keys init-unit --province-key FILE»."),
    "xkey_bad_signature": ("Tệp đăng ký {name} có chữ ký không hợp lệ: tệp đã bị sửa hoặc hỏng.",
                           "The enrolment file {name} has an invalid signature: it was altered or damaged."),
    "xkey_other_receiver": ("Tệp đăng ký {name} được làm cho một tỉnh khác (khóa {fingerprint}), không phải cho máy này.",
                            ("The enrolment file {name} was made for another province (key {fingerprint}), "
                             "not for this installation.")),
    "xkey_outside": ("Đơn vị {unit} trong tệp {name} không trực thuộc đơn vị của máy này.",
                     "Unit {unit} in {name} does not lie under this installation's unit."),
    "xkey_was_revoked": ("Khóa trong {name} đã bị thu hồi ngày {date}: đơn vị cần tạo khóa mới.",
                         "The key in {name} was revoked on {date}: the unit must make a new key."),
    "xkey_bad_fingerprint": ("«{text}» không phải dấu vân tay khóa (cần 30 chữ số).",
                             "«{text}» is not a key fingerprint (30 digits are needed)."),
    "xkey_revoke_own": ("Đó là khóa của chính máy này: không thu hồi ở đây được.",
                        "That is this installation's own key: it cannot be revoked here."),
    "xkey_unknown_fingerprint": ("Không có khóa nào với dấu vân tay {fingerprint}.",
                                 "There is no key with fingerprint {fingerprint}."),
    "xkey_passphrase_prompt": ("Cụm từ mật khẩu (khóa trao đổi): ", "Passphrase (exchange key): "),
    "xkey_passphrase_new_prompt": ("Đặt cụm từ mật khẩu cho khóa trao đổi (ít nhất 8 ký tự): ",
                                   "Choose a passphrase for the exchange key (at least 8 characters): "),
    "xkey_passphrase_again": ("Nhập lại cụm từ mật khẩu: ", "Type the passphrase again: "),
    "xkey_passphrase_differ": ("Hai lần nhập cụm từ mật khẩu không giống nhau: chưa tạo khóa.",
                               "The two passphrases differ: no key was made."),
    "xkey_receiver_written": ("Đã ghi tệp khóa của tỉnh cho các đơn vị: {path}",
                              "Wrote the province's key file for the units: {path}"),
    "xkey_enrolment_written": ("Đã ghi tệp đăng ký khóa (mang lên tỉnh): {path}",
                               "Wrote the enrolment file (take it to the province): {path}"),
    "xkey_own_fingerprint": ("Dấu vân tay khóa của máy này: {fingerprint}", "This installation's key fingerprint: {fingerprint}"),
    "xkey_receiver_fingerprint": ("Dấu vân tay khóa của tỉnh:     {fingerprint}",
                                  "The province's key fingerprint:       {fingerprint}"),
    "xkey_compare_aloud": ("Hãy đọc to hai dấu vân tay này để đối chiếu với cán bộ ở tỉnh.",
                           "Read both fingerprints aloud and compare them with the officer at the province."),
    "xkey_enrolled": ("Đã đăng ký khóa của đơn vị {unit}.", "Enrolled the key of {unit}."),
    "xkey_already_enrolled": ("Khóa của đơn vị {unit} đã được đăng ký từ trước: không thay đổi gì.",
                              "The key of {unit} was already enrolled: nothing changed."),
    "xkey_fingerprint_line": ("Dấu vân tay khóa: {fingerprint}", "Key fingerprint: {fingerprint}"),
    "xkey_none": ("Chưa có khóa trao đổi nào.", "No exchange keys yet."),
    "xkey_heading_role": ("Vai trò", "Role"),
    "xkey_heading_fingerprint": ("Dấu vân tay khóa", "Fingerprint"),
    "xkey_heading_unit": ("Đơn vị", "Unit"),
    "xkey_heading_added": ("Ngày thêm", "Added"),
    "xkey_heading_revoked": ("Thu hồi", "Revoked"),
    "xkey_role_own": ("máy này", "own"),
    "xkey_role_receiver": ("nơi nhận", "receiver"),
    "xkey_role_sender": ("đơn vị gửi", "sender"),
    "xkey_revoked_done": ("Đã thu hồi khóa {fingerprint} của {unit} (ngày {date}).",
                          "Revoked key {fingerprint} of {unit} (on {date})."),
    # --- USB exchange: packages, export, import (issue 5) ---
    "pkg_not_a_package": ("Tệp này không phải gói dữ liệu ANTQ.", "This file is not an ANTQ package."),
    "pkg_newer_format": ("Gói được tạo bởi phiên bản mới hơn của ANTQ Ledger: hãy cập nhật phần mềm rồi nhập lại.",
                         "The package was made by a newer version of ANTQ Ledger: update the application, then import it again."),
    "pkg_truncated": ("Gói bị thiếu phần cuối (chép chưa xong hoặc rút USB sớm): hãy chép lại gói từ đơn vị gửi.",
                      "The package is cut short (copying did not finish or the stick was pulled early): copy it again."),
    "pkg_damaged": ("Gói bị hỏng hoặc đã bị sửa đổi: không nhập gì từ gói này.",
                    "The package is damaged or has been changed: nothing of it is imported."),
    "pkg_malformed": ("Nội dung gói không đúng định dạng: không nhập gì từ gói này.",
                      "The package's content is malformed: nothing of it is imported."),
    "pkg_header_too_big": ("Phần đầu gói quá lớn: không phải gói hợp lệ.", "The package header is too big: not a valid package."),
    "pkg_too_big": ("Gói hoặc một phần của gói vượt quá giới hạn cho phép.", "The package, or a part of it, is over the size allowed."),
    "pkg_no_receiving_key": ("Cần cụm từ mật khẩu của khóa trao đổi để mở gói.",
                             "The exchange key's passphrase is needed to open the package."),
    "pkg_key_locked": ("Không mở được khóa trao đổi: {reason}", "The exchange key does not open: {reason}"),
    "pkg_unknown_signer": ("Gói được ký bởi khóa chưa đăng ký ({fingerprint}): hãy đăng ký khóa của đơn vị trước (antq keys enrol).",
                           "The package is signed by a key not enrolled here ({fingerprint}): enrol the unit's key first (antq keys enrol)."),
    "pkg_signer_revoked": ("Khóa ký gói ({fingerprint}) đã bị thu hồi ngày {day}: không nhận gói này.",
                           "The key that signed the package ({fingerprint}) was revoked on {day}: the package is refused."),
    "pkg_another_receiver": ("Gói này được lập cho tỉnh (nơi nhận) khác, không phải cho máy này.",
                             "This package was made for another province (receiver), not for this installation."),
    "pkg_signer_mismatch": ("Khóa ký không thuộc về máy đã lập gói: gói bị giả mạo.",
                            "The signing key does not belong to the installation that made the package: forged."),
    "pkg_bad_signature": ("Chữ ký của gói không hợp lệ: gói đã bị sửa đổi hoặc giả mạo.",
                          "The package's signature is not valid: it was changed or forged."),
    "pkg_parts_mismatch": ("Các phần của gói không khớp với bản kê đã ký: gói đã bị sửa đổi.",
                           "The package's parts do not match its signed manifest: it was changed."),
    "pkg_header_mismatch": ("Phần đầu gói không khớp với bản kê đã ký: gói đã bị sửa đổi.",
                            "The package header does not match its signed manifest: it was changed."),
    "pkg_sequence_reused": ("Gói số {sequence} của đơn vị này đã được nhận với nội dung khác: gói bị giả mạo hoặc phát lại, không nhận.",
                            "Package number {sequence} of this unit was already accepted with other content: forged or replayed, refused."),
    "pkg_entry_link": ("Gói chứa liên kết «{name}»: không nhận.", "The package holds a link «{name}»: refused."),
    "pkg_entry_device": ("Gói chứa mục thiết bị «{name}»: không nhận.", "The package holds a device entry «{name}»: refused."),
    "pkg_entry_absolute": ("Gói chứa đường dẫn tuyệt đối «{name}»: không nhận.", "The package holds an absolute path «{name}»: refused."),
    "pkg_entry_parent": ("Gói chứa đường dẫn ra ngoài («../») «{name}»: không nhận.",
                         "The package holds a path climbing out («../») «{name}»: refused."),
    "pkg_entry_device_name": ("Gói chứa tên thiết bị của Windows «{name}»: không nhận.",
                              "The package holds a Windows device name «{name}»: refused."),
    "pkg_entry_unexpected": ("Gói chứa mục lạ «{name}»: không nhận.", "The package holds an unexpected entry «{name}»: refused."),
    "pkg_entry_twice": ("Gói chứa mục «{name}» hai lần: không nhận.", "The package holds «{name}» twice: refused."),
    "pkg_unreadable": ("Không đọc được tệp {path} ({error}).", "Cannot read the file {path} ({error})."),
    "pkg_record_malformed": ("bản ghi không đúng định dạng", "malformed record"),
    "pkg_record_twice": ("bản ghi xuất hiện hai lần trong gói", "record appears twice in the package"),
    "pkg_record_no_ref": ("bản ghi không có số hiệu", "record without a reference"),
    "pkg_origin_outside": ("đơn vị gốc {code} không thuộc địa bàn của đơn vị gửi", "origin unit {code} is outside the sender's area"),
    "pkg_unit_outside": ("đơn vị {code} không thuộc địa bàn của đơn vị gửi", "unit {code} is outside the sender's area"),
    "pkg_ref_taken": ("số hiệu {ref} đã thuộc về một bản ghi khác", "reference {ref} already belongs to another record"),
    "export_no_folder": ("Không có thư mục {path} (USB đã cắm chưa?).", "There is no folder {path} (is the USB stick in?)."),
    "export_no_receiver": ("Chưa có khóa của tỉnh (nơi nhận): chạy «antq keys init-unit --province-key TỆP» trước.",
                           "No receiver (province) key yet: run «antq keys init-unit --province-key FILE» first."),
    "export_write_failed": ("Không ghi được gói vào {path} ({error}). Dữ liệu không thay đổi; hãy thử lại.",
                            "Could not write the package to {path} ({error}). Nothing changed; try again."),
    "export_read_back_failed": ("Đọc lại {path} không khớp với dữ liệu đã ghi: USB có thể bị lỗi. Đã xóa tệp; hãy thử USB khác.",
                                "Reading {path} back does not match what was written: the stick may be faulty. The file was removed; try another stick."),
    "export_done": ("Đã ghi gói {path}: {records} bản ghi.", "Wrote the package {path}: {records} records."),
    "import_status_imported": ("đã nhập", "imported"),
    "import_status_checked": ("đã kiểm tra (chưa ghi)", "checked (nothing written)"),
    "import_status_already": ("đã nhập trước đây, không thay đổi gì", "already imported, nothing changed"),
    "import_status_refused": ("bị từ chối", "refused"),
    "import_summary": ("{file}: {status} — tạo mới {created}, cập nhật {updated}, không đổi {unchanged}, xóa {deleted}, bị loại {rejected}, xung đột {conflicts}",
                       "{file}: {status} — created {created}, updated {updated}, unchanged {unchanged}, deleted {deleted}, rejected {rejected}, conflicts {conflicts}"),
    "import_missing": ("Còn thiếu gói của {unit}: số {numbers}.", "Still missing from {unit}: packages {numbers}."),
    # --- certificates of merit (issue 6) ---
    "cert_no_folder": ("Không có thư mục {path}.", "There is no folder {path}."),
    "cert_unknown_decision": ("Không có quyết định khen thưởng số «{number}».", "There is no commendation decision «{number}»."),
    "cert_ambiguous_decision": ("Có nhiều quyết định cùng số «{number}» (ở các đơn vị khác nhau).",
                                "Several decisions have the number «{number}» (in different units)."),
    "cert_unknown_recipient": ("Quyết định không có người, tập thể được khen mang số hiệu: {refs}.",
                               "The decision has no recipient with the reference: {refs}."),
    "cert_no_recipients": ("Quyết định số {number} chưa có người, tập thể được khen: không có gì để in.",
                           "Decision {number} has no recipient yet: nothing to print."),
    "cert_blank_name": ("Người được khen {refs} chưa có họ tên (chỉ có dấu cách).",
                        "Recipient {refs} has no name (only spaces)."),
    "cert_unknown_template": ("Không có mẫu «{name}».", "There is no template «{name}»."),
    "cert_no_template_for_form": ("Hình thức «{form}» không in giấy: hãy chọn một mẫu.",
                                  "The form «{form}» has no printed certificate: choose a template."),
    "cert_missing_signer_title": ("Mẫu «{template}» chưa có chức vụ người ký (vd. CHỦ TỊCH).",
                                  "Template «{template}» has no signer's title (e.g. CHỦ TỊCH)."),
    "cert_missing_signer_name": ("Mẫu «{template}» chưa có họ tên người ký.",
                                 "Template «{template}» has no signer's name."),
    "cert_missing_authority_title": ("Mẫu «{template}» chưa có tên cấp khen thưởng.",
                                     "Template «{template}» has no issuing authority."),
    "cert_text_too_long": ("Văn bản quá dài, không vừa trang kể cả ở cỡ chữ nhỏ nhất: «{start}…».",
                           "A text is too long for the page even at the smallest size: «{start}…»."),
    "cert_printed": ("Đã in {count} giấy khen vào {path}.", "Printed {count} certificates to {path}."),
    "cert_reprinted": ("In lại (đã in trước đây): {serials}.", "Reprinted (printed before): {serials}."),
    "cert_register_count": ("{count} lần in trong sổ của quyết định số {number}.",
                            "{count} printings in the register of decision {number}."),
    "cert_out_of_scope": ("Bạn không được in giấy cho: {refs} (ngoài đơn vị hoặc tổ chức của bạn).",
                          "You may not print for: {refs} (outside your unit or organisation)."),
    "cert_none_in_scope": ("Quyết định số {number} không có người, tập thể được khen nào thuộc tổ chức của bạn.",
                           "Decision {number} has no recipient of your organisation."),
    # certificate templates (settings page, antq templates)
    "tpl_bad_name": ("Tên mẫu chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới (tối đa 64 ký tự).",
                     "A template name has only lower-case ASCII letters, digits and underscores (at most 64)."),
    "tpl_required": ("Chưa điền.", "Required."),
    "tpl_too_long": ("Dài quá {limit} ký tự.", "Longer than {limit} characters."),
    "tpl_control_character": ("Có ký tự điều khiển (xuống dòng, tab…).", "Contains a control character (newline, tab…)."),
    "tpl_bad_color": ("Màu viết dạng #RRGGBB, vd. #C00000.", "A colour is written #RRGGBB, e.g. #C00000."),
    "tpl_emblem_too_big": ("Ảnh biểu trưng lớn quá {limit} KB.", "The emblem image is larger than {limit} KB."),
    "tpl_emblem_too_large": ("Ảnh biểu trưng quá {limit} điểm ảnh mỗi chiều.",
                             "The emblem image is more than {limit} pixels across."),
    "tpl_emblem_unreadable": ("Không đọc được ảnh biểu trưng: chỉ nhận ảnh PNG hoặc JPEG.",
                              "The emblem cannot be read: only PNG or JPEG images are accepted."),
    "tpl_does_not_fit": ("Văn bản này không vừa giấy khen kể cả ở cỡ chữ nhỏ nhất.",
                         "This text does not fit the certificate even at the smallest size."),
    "tpl_unknown": ("Không có mẫu «{name}».", "There is no template «{name}»."),
    "tpl_saved": ("Đã lưu mẫu «{name}».", "Template «{name}» saved."),
    "tpl_deleted": ("Đã xóa mẫu riêng «{name}».", "Custom template «{name}» deleted."),
    "tpl_no_custom": ("Không có mẫu riêng «{name}» để xóa (mẫu mặc định không xóa được).",
                      "There is no custom template «{name}» to delete (defaults cannot be deleted)."),
    "tpl_no_file": ("Không đọc được tệp {path}.", "Cannot read the file {path}."),
    "tpl_default_mark": ("mặc định", "default"),
    "tpl_custom_mark": ("riêng", "custom"),
}
