<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="294" />
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="295" />
        <source>Tài khoản đầu tiên là quản trị viên của cơ sở dữ liệu này. Hãy ghi nhớ mật khẩu.</source>
        <translation>The first account is the administrator of this database. Remember the password.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="296" />
        <source>Tên đăng &amp;nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="297" />
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="298" />
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="299" />
        <source>Nhập &amp;lại mật khẩu:</source>
        <translation>&amp;Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="300" />
        <source>chữ không dấu, số và . _ -</source>
        <translation>letters without accents, digits and . _ -</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="301" />
        <source>ít nhất 8 ký tự</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="312" />
        <source>Đơn vị: %1, mã %2</source>
        <translation>Unit: %1, code %2</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desktop/ui/forms/fields.py" line="157" />
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/fields.py" line="158" />
        <source>Chọn ngày trên lịch (F4)</source>
        <translation>Pick the date on a calendar (F4)</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="40" />
        <source>Bảng tính Excel, CSV</source>
        <translation>Excel and CSV spreadsheets</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="42" />
        <source>Nhập các buổi tuyên truyền, mô hình, nguồn tin, vụ việc, khen thưởng từ tệp .xlsx hoặc .csv: chương trình kiểm tra từng dòng và cho xem trước mọi lỗi; chỉ ghi khi không còn lỗi nào, và ghi tất cả hoặc không ghi gì. Xuất ra tệp để gửi hoặc lưu trữ.</source>
        <translation>Import sessions, models, sources, cases and commendations from a .xlsx or .csv file: every row is checked and every error shown before anything is written; the file is written only when no error is left, all rows or none. Export to a file to send or keep.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="45" />
        <source>Nhập bảng tính…</source>
        <translation>Import spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="46" />
        <source>Xuất bảng tính…</source>
        <translation>Export spreadsheet…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="45" />
        <source>Xuất ra tệp</source>
        <translation>Export to file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="45" />
        <source>Bảng tính Excel (*.xlsx);;CSV UTF-8 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="85" />
        <location filename="../../desktop/ui/export_dialog.py" line="102" />
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="104" />
        <source>Đã xuất %1 dòng vào %2.</source>
        <translation>Exported %1 rows to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="106" />
        <source>Tệp phải có đuôi .xlsx hoặc .csv.</source>
        <translation>The file must end in .xlsx or .csv.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="108" />
        <source>Không thực hiện được: %1</source>
        <translation>Could not be done: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="110" />
        <source>Mọi bản ghi (trừ bản ghi đã xóa) sẽ được xuất theo đúng mẫu dùng để nhập.</source>
        <translation>Every record (except deleted ones) is exported in the import format.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="111" />
        <source>Chọn loại bản ghi và tệp cần ghi (.xlsx hoặc .csv).</source>
        <translation>Choose a record kind and the file to write (.xlsx or .csv).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="124" />
        <source>Xuất bảng tính</source>
        <translation>Export spreadsheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/export_dialog.py" line="125" />
        <source>&amp;Xuất</source>
        <translation>E&amp;xport</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="148" />
        <source>Tìm nhanh, không cần dấu (Ctrl+F)</source>
        <translation>Quick search, accents not needed (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="149" />
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="150" />
        <source>Thời gian:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="151" />
        <source>Cả bản ghi đã xóa</source>
        <translation>Include deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="152" />
        <source>Hình thức:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="152" />
        <source>Nội dung:</source>
        <translation>Topic:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="153" />
        <source>Cơ quan tổ chức:</source>
        <translation>Organiser:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="153" />
        <source>Loại:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="154" />
        <source>Tình trạng:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="154" />
        <source>Lĩnh vực:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="155" />
        <source>Hình thức cung cấp:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="155" />
        <source>Hình thức khen thưởng:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="157" />
        <source>Tập thể/cá nhân:</source>
        <translation>Collective/individual:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="164" />
        <source>Toàn đơn vị</source>
        <translation>Whole unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="164" />
        <source>%1 và các đơn vị trực thuộc</source>
        <translation>%1 and the units under it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="167" />
        <source>Mọi thời gian</source>
        <translation>All time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="167" />
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="168" />
        <source>Năm trước</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="168" />
        <source>Khoảng ngày</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="170" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="394" />
        <source>Bắt đầu sử dụng ANTQ Ledger</source>
        <translation>Getting started with ANTQ Ledger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="425" />
        <source>Đang tải danh mục đơn vị…</source>
        <translation>Loading the list of units…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="440" />
        <source>Đang tạo cơ sở dữ liệu…</source>
        <translation>Creating the database…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="76" />
        <source>Chọn bảng tính để nhập</source>
        <translation>Choose a spreadsheet to import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="77" />
        <source>Bảng tính (*.xlsx *.csv);;Tất cả các tệp (*)</source>
        <translation>Spreadsheets (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="113" />
        <location filename="../../desktop/ui/import_export.py" line="246" />
        <source>Đang kiểm tra tệp…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="160" />
        <source>Dòng</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="160" />
        <source>Cột</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="160" />
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="192" />
        <location filename="../../desktop/ui/import_export.py" line="248" />
        <source>Đang nhập…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="229" />
        <source>Lỗ&amp;i (%1)</source>
        <translation>&amp;Errors (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="232" />
        <source>Các &amp;dòng trong tệp (%1 dòng đầu trong %2)</source>
        <translation>&amp;Rows in the file (first %1 of %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="235" />
        <source>Các &amp;dòng trong tệp (%1)</source>
        <translation>&amp;Rows in the file (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="244" />
        <source>chưa ghi gì vào cơ sở dữ liệu</source>
        <translation>nothing has been written to the database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="250" />
        <source>Đã dừng kiểm tra tệp.</source>
        <translation>Stopped checking the file.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="252" />
        <source>Không thực hiện được: %1</source>
        <translation>Could not be done: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="256" />
        <source>Chọn loại bản ghi và tệp bảng tính (.xlsx hoặc .csv) để xem trước. Không có gì được ghi trước khi bấm «Nhập».</source>
        <translation>Choose a record kind and a spreadsheet (.xlsx or .csv) to preview. Nothing is written until you press «Import».</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="259" />
        <source>%1 — %2.</source>
        <translation>%1 — %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="262" />
        <source>%1 lỗi ở %2 dòng — %3.</source>
        <translation>%1 errors on %2 lines — %3.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="267" />
        <source>, %1 dòng không thay đổi</source>
        <translation>, %1 rows unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="269" />
        <source>Đã thêm %1, cập nhật %2%3.</source>
        <translation>Added %1, updated %2%3.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="270" />
        <source>%1 dòng hợp lệ: sẽ thêm %2, cập nhật %3%4 — %5. Bấm «Nhập» để ghi.</source>
        <translation>%1 valid rows: %2 to add, %3 to update%4 — %5. Press «Import» to write them.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="275" />
        <source>Nhập bảng tính</source>
        <translation>Import spreadsheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="276" />
        <source>&amp;Nhập</source>
        <translation>&amp;Import</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="111" />
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="112" />
        <source>Chọn ngôn ngữ của chương trình.</source>
        <translation>Choose the program's language.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="113" />
        <source>Có thể đổi lại sau trong phần Cài đặt.</source>
        <translation>You can change it later in Settings.</translation>
    </message>
</context>
<context>
    <name>ListTabs</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="74" />
        <source>Nguồn tin</source>
        <translation>Information sources</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="74" />
        <source>Vụ việc</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="75" />
        <source>Quyết định khen thưởng</source>
        <translation>Commendation decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="76" />
        <source>Tập thể, cá nhân được khen</source>
        <translation>Commendation recipients</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="388" />
        <source>Mở cơ sở dữ liệu</source>
        <translation>Open a database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="389" />
        <source>Cơ sở dữ liệu ANTQ (*.sqlite3 *.db);;Mọi tệp (*)</source>
        <translation>ANTQ databases (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="411" />
        <source>Đang dùng dữ liệu mẫu: %1</source>
        <translation>Using the demo data: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="413" />
        <source>Đang mở dữ liệu mẫu…</source>
        <translation>Opening the demo data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="416" />
        <location filename="../../desktop/ui/main_window.py" line="488" />
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="417" />
        <source>&lt;b&gt;ANTQ Ledger %1&lt;/b&gt;&lt;br&gt;Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc.</source>
        <translation>&lt;b&gt;ANTQ Ledger %1&lt;/b&gt;&lt;br&gt;Records of the movement "All people protect national security".</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="433" />
        <source>CSDL: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="437" />
        <source>Đơn vị: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="438" />
        <source>Người dùng: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="470" />
        <source>Buổi tuyên truyền</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="470" />
        <source>Mô hình</source>
        <translation>Models</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="471" />
        <source>Nguồn tin và vụ việc</source>
        <translation>Sources &amp; cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="471" />
        <source>Khen thưởng</source>
        <translation>Commendations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="471" />
        <source>Trao đổi dữ liệu</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="472" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="476" />
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="477" />
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="478" />
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="479" />
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="480" />
        <source>Thêm mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="481" />
        <source>Tìm</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="482" />
        <source>Nhập bảng tính…</source>
        <translation>Import spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="483" />
        <source>Xuất bảng tính…</source>
        <translation>Export spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="484" />
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="485" />
        <source>Mở cơ sở dữ liệu…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="486" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="487" />
        <source>Mở dữ liệu &amp;mẫu</source>
        <translation>Open &amp;demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="469" />
        <source>ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc</source>
        <translation>ANTQ Ledger — records of the movement “All people protect national security”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="382" />
        <location filename="../../desktop/ui/main_window.py" line="425" />
        <source>Đang mở cơ sở dữ liệu…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="470" />
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
</context>
<context>
    <name>MultiField</name>
    <message>
        <location filename="../../desktop/ui/forms/fields.py" line="306" />
        <source>lọc (gõ không dấu cũng được)…</source>
        <translation>filter (accents not needed)…</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="187" />
        <location filename="../../desktop/ui/pages/overview.py" line="188" />
        <location filename="../../desktop/ui/pages/overview.py" line="264" />
        <source>Đang tính số liệu…</source>
        <translation>Calculating the figures…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="225" />
        <source>Tuyên truyền, tập huấn</source>
        <translation>Dissemination</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="226" />
        <location filename="../../desktop/ui/pages/overview.py" line="234" />
        <source>Mô hình</source>
        <translation>Security models</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="227" />
        <source>Nguồn tin và vụ việc</source>
        <translation>Sources and cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="228" />
        <source>Khen thưởng</source>
        <translation>Commendations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="231" />
        <source>Buổi tuyên truyền, tập huấn</source>
        <translation>Dissemination sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="232" />
        <source>Lượt người tham dự</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="233" />
        <source>Trong đó hội viên</source>
        <translation>Of whom members</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="235" />
        <source>Mô hình điển hình</source>
        <translation>Typical models</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="236" />
        <source>Nguồn tin tiếp nhận</source>
        <translation>Sources received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="237" />
        <source>Vụ việc phát hiện từ nguồn tin</source>
        <translation>Cases uncovered from sources</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="238" />
        <source>Đối tượng trong các vụ việc</source>
        <translation>Individuals involved in cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="239" />
        <source>Quyết định khen thưởng</source>
        <translation>Commendation decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="240" />
        <source>Tập thể được khen</source>
        <translation>Collectives commended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="241" />
        <source>Cá nhân được khen</source>
        <translation>Individuals commended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="247" />
        <source>Chưa có số liệu năm nay</source>
        <translation>No figures yet this year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="249" />
        <source>Số liệu hiện ra ở đây khi có buổi tuyên truyền, mô hình, nguồn tin, vụ việc hay quyết định khen thưởng trong năm. Để dùng thử với dữ liệu mẫu, chọn Trợ giúp → Mở dữ liệu mẫu.</source>
        <translation>Figures appear here once the year has sessions, models, sources, cases or commendation decisions. To try the program with demo data, choose Help → Open demo data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="257" />
        <source>Toàn bộ cơ sở dữ liệu</source>
        <translation>Whole database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="258" />
        <source>Năm %1 — %2</source>
        <translation>Year %1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="259" />
        <source>Từ %1 đến %2, gồm cả các đơn vị trực thuộc và đơn vị cũ đã sáp nhập</source>
        <translation>From %1 to %2, including units below and former units merged into it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="262" />
        <source>Không tính được số liệu: %1</source>
        <translation>Could not calculate the figures: %1</translation>
    </message>
</context>
<context>
    <name>PickField</name>
    <message>
        <location filename="../../desktop/ui/forms/fields.py" line="276" />
        <source>gõ để tìm…</source>
        <translation>type to search…</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="129" />
        <source>Chép bản ghi trước</source>
        <translation>Copy previous record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="130" />
        <source>Điền các ô từ bản ghi vừa nhập gần nhất</source>
        <translation>Fill the fields from the last record entered</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="131" />
        <source>Lưu và nhập tiếp</source>
        <translation>Save and new</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="132" />
        <source>Lưu rồi để trống các ô cho bản ghi sau (Ctrl+Enter)</source>
        <translation>Save, then clear the fields for the next record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="133" />
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="134" />
        <source>Lưu và đóng (Ctrl+S)</source>
        <translation>Save and close (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="135" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="136" />
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="142" />
        <source>buổi tuyên truyền</source>
        <translation>dissemination session</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="143" />
        <source>mô hình</source>
        <translation>security model</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="144" />
        <source>nguồn tin</source>
        <translation>information source</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="145" />
        <source>vụ việc</source>
        <translation>case</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="146" />
        <source>quyết định khen thưởng</source>
        <translation>commendation decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="147" />
        <source>người, tập thể được khen</source>
        <translation>commendation recipient</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="152" />
        <source>Sửa %1 %2</source>
        <translation>Edit %1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="154" />
        <source>Thêm %1</source>
        <translation>New %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="306" />
        <source>Chưa lưu: hãy sửa các ô đánh dấu đỏ.</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="327" />
        <source>Cùng đơn vị, ngày, hình thức và đơn vị tổ chức.</source>
        <translation>Same unit, date, kind and organisers.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="328" />
        <source>Cùng đơn vị và tên mô hình.</source>
        <translation>Same unit and model name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="329" />
        <source>Cùng đơn vị, ngày, lĩnh vực, hình thức cung cấp và nội dung.</source>
        <translation>Same unit, date, category, channel and content.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="330" />
        <source>Cùng đơn vị, ngày, lĩnh vực và số đối tượng.</source>
        <translation>Same unit, date, category and number of individuals.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="331" />
        <source>Cùng quyết định và tên.</source>
        <translation>Same decision and name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="352" />
        <source>Chưa lưu.</source>
        <translation>Not saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="377" />
        <source>Đã lưu %1. Nhập bản ghi tiếp theo.</source>
        <translation>Saved %1. Enter the next record.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="396" />
        <source>Chưa có bản ghi nào để chép.</source>
        <translation>There is no record to copy yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="399" />
        <source>Đã chép bản ghi trước: hãy sửa những gì khác.</source>
        <translation>Copied the previous record: change what differs.</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="34" />
        <source>xóa %1</source>
        <translation>deleting %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="132" />
        <source>Hiển thị %1 bản ghi</source>
        <translation>Showing %1 records</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="135" />
        <source>Hiển thị ít nhất %1 bản ghi, đang đếm…</source>
        <translation>Showing at least %1 records, counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="184" />
        <source>Xóa bản ghi</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="185" />
        <source>Xóa %1? Có thể hoàn tác bằng Ctrl+Z.</source>
        <translation>Delete %1? Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="197" />
        <source>Đã xóa %1. Nhấn Ctrl+Z để hoàn tác.</source>
        <translation>Deleted %1. Press Ctrl+Z to undo.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="223" />
        <source>Thêm mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="224" />
        <source>Thêm bản ghi mới (Ctrl+N)</source>
        <translation>Add a new record (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="225" />
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="226" />
        <source>Mở bản ghi đang chọn (Enter)</source>
        <translation>Open the selected record (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="227" />
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="228" />
        <source>Xóa bản ghi đang chọn (Delete)</source>
        <translation>Delete the selected record (Delete)</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../desktop/ui/record_table.py" line="155" />
        <source>Đang đếm bản ghi</source>
        <translation>Counting records</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="59" />
        <source>Giao diện</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="60" />
        <source>&amp;Ngôn ngữ:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="61" />
        <source>Cài đặt này</source>
        <translation>This installation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="62" />
        <source>Cơ sở dữ liệu:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="63" />
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
</context>
<context>
    <name>TextField</name>
    <message>
        <location filename="../../desktop/ui/forms/fields.py" line="205" />
        <source>tự cấp khi lưu</source>
        <translation>assigned on saving</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="159" />
        <source>Đơn vị sử dụng</source>
        <translation>Your unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="161" />
        <source>Chọn phường, xã (hoặc tỉnh, thành phố) dùng chương trình này, theo danh mục đơn vị hành chính từ 01/7/2025.</source>
        <translation>Choose the ward or commune (or province) that uses this program, from the list of administrative units in force since 1 July 2025.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="162" />
        <source>&amp;Tìm đơn vị:</source>
        <translation>&amp;Find the unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="163" />
        <source>Gõ tên phường, xã, không cần dấu</source>
        <translation>Type the ward or commune name, accents not needed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="201" />
        <source>Đang tải danh mục đơn vị…</source>
        <translation>Loading the list of units…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="203" />
        <source>Không đọc được danh mục đơn vị: %1</source>
        <translation>Cannot read the list of units: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="205" />
        <source>Ví dụ: phuong cua nam, xa tan lap</source>
        <translation>For example: phuong cua nam, xa tan lap</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="207" />
        <source>Không tìm thấy đơn vị nào.</source>
        <translation>No unit found.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="209" />
        <source>Chỉ hiện %1 đơn vị đầu tiên: gõ thêm để thu hẹp.</source>
        <translation>Showing the first %1 units only: type more to narrow down.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="217" />
        <source>Chưa chọn đơn vị: dùng phím ↓ ↑ hoặc chuột để chọn.</source>
        <translation>No unit chosen yet: use ↓ ↑ or the mouse to choose.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="219" />
        <source>Đã chọn: %1, mã %2.</source>
        <translation>Chosen: %1, code %2.</translation>
    </message>
</context>
<context>
    <name>_SheetDialog</name>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="101" />
        <source>&amp;Loại bản ghi:</source>
        <translation>Record &amp;kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="102" />
        <source>&amp;Tệp:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="103" />
        <source>Đường dẫn tệp .xlsx hoặc .csv</source>
        <translation>Path of a .xlsx or .csv file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="104" />
        <source>&amp;Chọn tệp…</source>
        <translation>C&amp;hoose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="105" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
</TS>