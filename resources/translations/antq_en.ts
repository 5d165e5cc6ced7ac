<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name />
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="57" />
        <source>Khôi phục dữ liệu</source>
        <translation>Restore data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="58" />
        <source>Khôi phục bản sao lưu lúc %1 (%2)?</source>
        <translation>Restore the backup of %1 (%2)?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="61" />
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="62" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="275" />
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="276" />
        <source>Tài khoản đầu tiên là quản trị viên của cơ sở dữ liệu này. Hãy ghi nhớ mật khẩu.</source>
        <translation>The first account is the administrator of this database. Remember the password.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="277" />
        <source>Tên đăng &amp;nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="278" />
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="279" />
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="280" />
        <source>Nhập &amp;lại mật khẩu:</source>
        <translation>&amp;Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="281" />
        <source>chữ không dấu, số và . _ -</source>
        <translation>letters without accents, digits and . _ -</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="282" />
        <source>ít nhất 8 ký tự</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="293" />
        <source>Đơn vị: %1, mã %2</source>
        <translation>Unit: %1, code %2</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="140" />
        <source>Thêm người dùng</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="141" />
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="141" />
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="142" />
        <source>&amp;Vai trò:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="142" />
        <source>Đơn &amp;vị:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="143" />
        <source>&amp;Tổ chức:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="143" />
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="144" />
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="151" />
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="152" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ApprovalsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="149" />
        <source>Quý %1</source>
        <translation>Quarter %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="152" />
        <source>Tháng %1</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="178" />
        <source>Duyệt kỳ</source>
        <translation>Approve period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="179" />
        <source>Duyệt kỳ %1 của %2?

Sau khi duyệt, các bản ghi của kỳ này bị khóa: không ai sửa, xóa hay khôi phục được cho đến khi bỏ duyệt.</source>
        <translation>Approve period %1 of %2?

Once approved, the records of this period are locked: nobody can edit, delete or restore them until it is un-approved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="196" />
        <source>Đã duyệt kỳ %1 của %2.</source>
        <translation>Approved period %1 of %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="209" />
        <source>Bỏ duyệt</source>
        <translation>Un-approve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="210" />
        <source>Lý do bỏ duyệt kỳ %1 của %2 (bắt buộc):</source>
        <translation>Reason for un-approving %1 of %2 (required):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="227" />
        <source>Đã bỏ duyệt kỳ %1 của %2.</source>
        <translation>Un-approved period %1 of %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="253" />
        <source>Đang có hiệu lực</source>
        <translation>Standing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="255" />
        <source>Đã bỏ duyệt %1 (%2): %3</source>
        <translation>Un-approved %1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="275" />
        <source>Chỉ huy duyệt số liệu của đơn vị theo tháng hoặc quý. Khi kỳ đã được duyệt, các bản ghi trong kỳ (của đơn vị và các đơn vị trực thuộc) bị khóa cho đến khi bỏ duyệt.</source>
        <translation>Commanders approve their unit's figures by month or quarter. Once a period is approved, its records (of the unit and the units under it) are locked until it is un-approved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="278" />
        <source>Tài khoản này chỉ xem được, không duyệt được.</source>
        <translation>This account can view but not approve.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="279" />
        <source>Duyệt kỳ mới</source>
        <translation>Approve a period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="280" />
        <source>Đơn &amp;vị:</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="281" />
        <source>&amp;Kỳ:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="282" />
        <source>&amp;năm</source>
        <translation>&amp;year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="283" />
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="284" />
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="287" />
        <source>&amp;Duyệt</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="288" />
        <source>Các kỳ đã duyệt</source>
        <translation>Approved periods</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="289" />
        <source>&amp;Bỏ duyệt…</source>
        <translation>&amp;Un-approve…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="291" />
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="291" />
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="291" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="291" />
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="291" />
        <source>Người duyệt</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="292" />
        <source>Lúc duyệt</source>
        <translation>Approved at</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/approvals.py" line="292" />
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="317" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="355" />
        <source>%1 mục đầu (cuộn để xem thêm)</source>
        <translation>First %1 entries (scroll for more)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="357" />
        <source>%1 mục</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="371" />
        <source>Đang kiểm tra chuỗi…</source>
        <translation>Checking the chain…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="373" />
        <source>Kiểm tra chuỗi nhật ký</source>
        <translation>Checking the audit chain</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="382" />
        <source>Chuỗi nhật ký toàn vẹn (%1 mục).</source>
        <translation>The audit chain holds (%1 entries).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="385" />
        <source>Chuỗi nhật ký bị phá vỡ: %1</source>
        <translation>The audit chain is broken: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="401" />
        <source>&amp;Người dùng:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="402" />
        <source>&amp;Thao tác:</source>
        <translation>&amp;Action:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="403" />
        <source>&amp;Loại:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="404" />
        <source>Từ &amp;ngày</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="405" />
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="406" />
        <source>&amp;Tìm:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="407" />
        <source>chữ trong giá trị, lý do hoặc số hiệu bản ghi</source>
        <translation>text in values, reason or record reference</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="408" />
        <source>Kiểm tra chuỗi</source>
        <translation>Check chain</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/audit.py" line="409" />
        <source>Tính lại chuỗi mã băm của nhật ký để phát hiện mục bị sửa, xóa hoặc đổi thứ tự</source>
        <translation>Recompute the audit trail's hash chain to find entries edited, removed or reordered</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="134" />
        <source>Sao lưu và khôi phục</source>
        <translation>Backups and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="137" />
        <source>Sao lưu trong cửa sổ chỉ dành cho tệp dữ liệu SQLite. Với máy chủ PostgreSQL, hãy dùng công cụ sao lưu của máy chủ (pg_dump).</source>
        <translation>Backups in the window are for SQLite files only; for a PostgreSQL server use the server's own tool (pg_dump).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="141" />
        <source>Ứng dụng tự sao lưu khi mở lần đầu mỗi ngày, trước khi nâng cấp cơ sở dữ liệu và trước mỗi lần nhập bảng tính; mỗi bản được kiểm tra toàn vẹn. Giữ 7 bản hằng ngày, 4 bản hằng tuần, 12 bản hằng tháng. Thư mục sao lưu:</source>
        <translation>Backups are made automatically at the first start of each day, before database upgrades and before every spreadsheet import; each is checked for integrity. 7 daily, 4 weekly and 12 monthly are kept. Backups folder:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="144" />
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="144" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="144" />
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="145" />
        <source>Sao lưu &amp;ngay</source>
        <translation>Back up &amp;now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="146" />
        <source>&amp;Khôi phục…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="202" />
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="203" />
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="210" />
        <source>Đã sao lưu: %1</source>
        <translation>Backed up: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="230" />
        <source>Khôi phục dữ liệu</source>
        <translation>Restore data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="222" />
        <source>Toàn bộ dữ liệu hiện tại sẽ được thay bằng nội dung của bản sao lưu này. Trước khi khôi phục, một bản sao của dữ liệu hiện tại được giữ lại trong thư mục sao lưu.</source>
        <translation>All current data will be replaced by this backup. A copy of the current data is kept in the backups folder first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="50" />
        <source>Hằng ngày</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="51" />
        <source>Trước khi nâng cấp</source>
        <translation>Before an upgrade</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="52" />
        <source>Trước khi nhập bảng tính</source>
        <translation>Before a spreadsheet import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="53" />
        <source>Sao lưu thủ công</source>
        <translation>Made by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="54" />
        <source>Trước khi khôi phục</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="55" />
        <source>Tệp hỏng được giữ lại</source>
        <translation>Damaged file kept</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="229" />
        <source>Đang khôi phục…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="238" />
        <source>Đã khôi phục bản sao lưu %1.</source>
        <translation>Restored backup %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/backups.py" line="240" />
        <source>Dữ liệu trước khi khôi phục được giữ tại %1.</source>
        <translation>The data as it was before the restore is kept in %1.</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="148" />
        <source>In giấy khen — quyết định số %1</source>
        <translation>Print certificates — decision %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="149" />
        <source>&amp;Mẫu:</source>
        <translation>&amp;Template:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="149" />
        <source>&amp;Chức vụ người ký:</source>
        <translation>Signer's &amp;title:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="150" />
        <source>&amp;Họ tên người ký:</source>
        <translation>Signer's &amp;name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="150" />
        <source>Cấp &amp;khen thưởng:</source>
        <translation>Issuing &amp;authority:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="151" />
        <source>Địa &amp;danh:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="153" />
        <source>theo hình thức khen thưởng</source>
        <translation>as the decision's form</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="154" />
        <source>tên tỉnh, nếu để trống</source>
        <translation>the province's name if left empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="155" />
        <source>cấp khen thưởng của quyết định, nếu để trống</source>
        <translation>the decision's authority if left empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="156" />
        <source>Trang:</source>
        <translation>Page:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="157" />
        <source>&amp;In…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="158" />
        <source>&amp;Lưu PDF…</source>
        <translation>&amp;Save PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="159" />
        <source>Mỗi người một &amp;tệp</source>
        <translation>One file &amp;each</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="160" />
        <source>Lưu vào một thư mục, mỗi người, tập thể được khen một tệp PDF</source>
        <translation>Save into a folder, one PDF file per recipient</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="161" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="162" />
        <source>Số vào sổ</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="162" />
        <source>Người, tập thể được khen</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="163" />
        <source>Lần in</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="163" />
        <source>Lúc in</source>
        <translation>Printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="163" />
        <source>Người in</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="193" />
        <source>%1 giấy, số vào sổ từ %2.</source>
        <translation>%1 certificates, register numbers from %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="217" />
        <source>Sổ đã in: %1 lần in (mới nhất trước).</source>
        <translation>Register: %1 printings (newest first).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="218" />
        <source>Sổ đã in: chưa in giấy nào của quyết định này.</source>
        <translation>Register: nothing of this decision printed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="248" />
        <source>Chọn thư mục lưu giấy khen</source>
        <translation>Choose the folder for the certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="253" />
        <location filename="../../desktop/ui/certificate_dialog.py" line="271" />
        <source>Lưu giấy khen</source>
        <translation>Save certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="254" />
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="277" />
        <source>Đã dừng: không lưu, không ghi sổ giấy nào.</source>
        <translation>Stopped: nothing saved, nothing recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="280" />
        <source>Đã in %1 giấy (số %2 đến %3).</source>
        <translation>Printed %1 certificates (numbers %2 to %3).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="283" />
        <source>Đã lưu %1 giấy vào %2.</source>
        <translation>Saved %1 certificates to %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/certificate_dialog.py" line="285" />
        <source>In lại: %1.</source>
        <translation>Reprinted: %1.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="192" />
        <source>Đổi mật khẩu của %1</source>
        <translation>Change the password of %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="193" />
        <source>Mật khẩu &amp;hiện tại:</source>
        <translation>&amp;Current password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="194" />
        <source>&amp;Mật khẩu mới:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="195" />
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="196" />
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="197" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="207" />
        <source>Tài khoản này không có mật khẩu để đổi.</source>
        <translation>This account has no password to change.</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <location filename="../../desktop/ui/chart_view.py" line="61" />
        <source>Lưu biểu đồ…</source>
        <translation>Save chart…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chart_view.py" line="148" />
        <source>Ảnh PNG (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chart_view.py" line="148" />
        <source>Hình vẽ SVG (*.svg)</source>
        <translation>SVG drawing (*.svg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chart_view.py" line="148" />
        <source>Tài liệu PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chart_view.py" line="151" />
        <source>Lưu biểu đồ</source>
        <translation>Save chart</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/chart_view.py" line="170" />
        <source>Không lưu được biểu đồ</source>
        <translation>The chart could not be saved</translation>
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
        <location filename="../../desktop/ui/pages/exchange.py" line="53" />
        <source>Bảng tính Excel, CSV</source>
        <translation>Excel and CSV spreadsheets</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="55" />
        <source>Nhập các buổi tuyên truyền, mô hình, nguồn tin, vụ việc, khen thưởng từ tệp .xlsx hoặc .csv: chương trình kiểm tra từng dòng và cho xem trước mọi lỗi; chỉ ghi khi không còn lỗi nào, và ghi tất cả hoặc không ghi gì. Xuất ra tệp để gửi hoặc lưu trữ.</source>
        <translation>Import sessions, models, sources, cases and commendations from a .xlsx or .csv file: every row is checked and every error shown before anything is written; the file is written only when no error is left, all rows or none. Export to a file to send or keep.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="58" />
        <source>Nhập bảng tính…</source>
        <translation>Import spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="59" />
        <source>Xuất bảng tính…</source>
        <translation>Export spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="60" />
        <source>Gói dữ liệu USB</source>
        <translation>USB data packages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="61" />
        <source>Ghi gói gửi lên</source>
        <translation>Write a package</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="62" />
        <source>Nhập gói</source>
        <translation>Import packages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/exchange.py" line="63" />
        <source>Khóa trao đổi</source>
        <translation>Exchange keys</translation>
    </message>
</context>
<context>
    <name>ExportBox</name>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="143" />
        <source>Ghi các bản ghi đã thay đổi từ gói trước (kể cả bản ghi đã xóa) vào một gói đã ký và mã hóa cho tỉnh (nơi nhận), rồi mang USB lên tỉnh. Danh tính người cung cấp tin không bao giờ có trong gói.</source>
        <translation>Writes the records changed since the last package (deleted ones included) into a package signed and encrypted for the province (the receiver); then take the USB stick to the province. Informants' identities are never in a package.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="145" />
        <source>Ghi &amp;vào:</source>
        <translation>Write &amp;to:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="146" />
        <source>Chưa thấy USB nào: cắm USB rồi bấm «Làm mới», hoặc chọn thư mục</source>
        <translation>No USB stick found: plug one in and press «Refresh», or choose a folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="147" />
        <source>&amp;Làm mới</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="148" />
        <source>Chọn thư &amp;mục…</source>
        <translation>Choose &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="149" />
        <source>Tất cả &amp;bản ghi (--full), không chỉ những bản ghi thay đổi từ gói trước</source>
        <translation>&amp;All records (--full), not only those changed since the last package</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="150" />
        <source>&amp;Ghi gói dữ liệu</source>
        <translation>&amp;Write package</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="163" />
        <source>Chưa có khóa trao đổi: người quản trị bấm «Nhận khóa tỉnh…» ở thẻ «Khóa trao đổi», hoặc chạy lệnh:
%1</source>
        <translation>No exchange key yet: an administrator presses «Take province key…» on the «Exchange keys» tab, or runs:
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="167" />
        <source>Khóa của máy này: %1</source>
        <translation>This installation's key: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="170" />
        <source>Chưa có khóa của tỉnh (nơi nhận): người quản trị bấm «Nhận khóa tỉnh…» ở thẻ «Khóa trao đổi», hoặc chạy lệnh:
%1</source>
        <translation>No province (receiver) key yet: an administrator presses «Take province key…» on the «Exchange keys» tab, or runs:
%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="175" />
        <source>Gửi đến: %1 — dấu vân tay khóa %2</source>
        <translation>Sent to: %1 — key fingerprint %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="178" />
        <source>Gói gần nhất: số %1 (%2), ngày %3</source>
        <translation>Last package: number %1 (%2), on %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="209" />
        <source>%1 — còn %2</source>
        <translation>%1 — %2 free</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="211" />
        <source>%1 (%2) — còn %3</source>
        <translation>%1 (%2) — %3 free</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="217" />
        <source>Thư mục %1 — còn %2</source>
        <translation>Folder %1 — %2 free</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="228" />
        <source>Chọn thư mục ghi gói dữ liệu</source>
        <translation>Choose the folder to write the package to</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="245" />
        <source>Vai trò của bạn không được ghi gói dữ liệu (chỉ chỉ huy và quản trị viên).</source>
        <translation>Your role may not write packages (commanders and administrators only).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="249" />
        <source>Hãy chọn USB hoặc thư mục để ghi gói.</source>
        <translation>Choose a USB stick or a folder for the package.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="265" />
        <location filename="../../desktop/ui/exchange_export.py" line="279" />
        <source>Ghi gói dữ liệu</source>
        <translation>Write package</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="266" />
        <source>Cụm từ mật khẩu của khóa trao đổi (để ký gói):</source>
        <translation>The exchange key's passphrase (to sign the package):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="266" />
        <source>Ghi gói</source>
        <translation>Write</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="278" />
        <source>Đang ghi gói dữ liệu… Chưa rút USB.</source>
        <translation>Writing the package… Do not pull out the USB stick yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="285" />
        <source>Đã ghi gói %1 (%2 bản ghi). Có thể rút USB.</source>
        <translation>Wrote the package %1 (%2 records). You may pull out the USB stick.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_export.py" line="303" />
        <source>Đã dừng: không ghi gói nào.</source>
        <translation>Stopped: no package was written.</translation>
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
        <location filename="../../desktop/ui/pages/filter_bar.py" line="156" />
        <source>Tìm nhanh, không cần dấu (Ctrl+F)</source>
        <translation>Quick search, accents not needed (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="157" />
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="158" />
        <source>Thời gian:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="159" />
        <source>Cả bản ghi đã xóa</source>
        <translation>Include deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="160" />
        <source>Hình thức:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="160" />
        <source>Nội dung:</source>
        <translation>Topic:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="161" />
        <source>Cơ quan tổ chức:</source>
        <translation>Organiser:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="161" />
        <source>Loại:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="162" />
        <source>Tình trạng:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="162" />
        <source>Lĩnh vực:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="163" />
        <source>Hình thức cung cấp:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="163" />
        <source>Hình thức khen thưởng:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="165" />
        <source>Tập thể/cá nhân:</source>
        <translation>Collective/individual:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="172" />
        <source>Toàn đơn vị</source>
        <translation>Whole unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="172" />
        <source>%1 và các đơn vị trực thuộc</source>
        <translation>%1 and the units under it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="175" />
        <source>Mọi thời gian</source>
        <translation>All time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="175" />
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="176" />
        <source>Năm trước</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="176" />
        <source>Khoảng ngày</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/filter_bar.py" line="178" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="375" />
        <source>Bắt đầu sử dụng ANTQ Ledger</source>
        <translation>Getting started with ANTQ Ledger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="406" />
        <source>Đang tải danh mục đơn vị…</source>
        <translation>Loading the list of units…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="421" />
        <source>Đang tạo cơ sở dữ liệu…</source>
        <translation>Creating the database…</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="87" />
        <source>Giao diện</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="88" />
        <source>&amp;Ngôn ngữ:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="89" />
        <source>&amp;Khóa cửa sổ sau (phút không dùng):</source>
        <translation>&amp;Lock the window after (minutes unused):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="90" />
        <source>không bao giờ</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="91" />
        <source>Đổi &amp;mật khẩu…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="92" />
        <source>Cài đặt này</source>
        <translation>This installation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="93" />
        <source>Cơ sở dữ liệu:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="94" />
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
</context>
<context>
    <name>GrantKeyDialog</name>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="84" />
        <source>Cấp khóa xem danh tính cho %1</source>
        <translation>Give the identity key to %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="86" />
        <source>Một chỉ huy đang giữ khóa gõ mật khẩu của mình để mở khóa; %1 gõ mật khẩu đăng nhập của mình để nhận một bản khóa riêng. Quản trị viên không cần và không thấy mật khẩu nào.</source>
        <translation>A commander who holds the key types their password to open it; %1 types their own sign-in password to receive a copy of their own. The administrator needs and sees no password.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="88" />
        <source>&amp;Chỉ huy giữ khóa:</source>
        <translation>&amp;Commander holding the key:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="89" />
        <source>&amp;Mật khẩu của chỉ huy đó:</source>
        <translation>That commander's &amp;password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="90" />
        <source>Mật khẩu đăng nhập của %1:</source>
        <translation>%1's sign-in password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="91" />
        <source>Cấp khóa</source>
        <translation>Give the key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/grant_key_dialog.py" line="92" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="152" />
        <source>Không tìm thấy tệp hướng dẫn %1.</source>
        <translation>The guide file %1 was not found.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="316" />
        <source>Không thấy «%1».</source>
        <translation>«%1» not found.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="322" />
        <source>Hướng dẫn sử dụng — ANTQ Ledger</source>
        <translation>User guide — ANTQ Ledger</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="323" />
        <source>&amp;Mục lục</source>
        <translation>&amp;Contents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="324" />
        <source>Tìm trong hướng dẫn, không cần dấu (Ctrl+F)</source>
        <translation>Search the guide, accents not needed (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="325" />
        <source>Tìm &amp;tiếp</source>
        <translation>Find &amp;next</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="326" />
        <source>Chỗ tiếp theo (F3 hoặc Enter)</source>
        <translation>Next place (F3 or Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="327" />
        <source>Tìm &amp;lùi</source>
        <translation>Find &amp;previous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="328" />
        <source>Chỗ trước đó (Shift+F3)</source>
        <translation>Previous place (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/guide_dialog.py" line="329" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>IdentityField</name>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="83" />
        <source>Nhập để thay danh tính đã lưu</source>
        <translation>Type to replace the recorded identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="84" />
        <source>Họ tên, địa chỉ, điện thoại của người cung cấp tin</source>
        <translation>Name, address, telephone of the informant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="85" />
        <source>Danh tính được mã hóa khi lưu; sau đó chỉ chỉ huy xem lại được.</source>
        <translation>The identity is encrypted on saving; after that only a commander can see it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="86" />
        <source>Xem danh tính…</source>
        <translation>Show identity…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="87" />
        <source>Cần mật khẩu của bạn; lần xem được ghi vào nhật ký</source>
        <translation>Needs your password; each viewing is logged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="97" />
        <source>Đã lưu danh tính (đã mã hóa)</source>
        <translation>Identity recorded (encrypted)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="99" />
        <location filename="../../desktop/ui/forms/identity.py" line="103" />
        <source>Chưa có danh tính</source>
        <translation>No identity recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="101" />
        <source>Chưa ghi được danh tính: cần một chỉ huy tạo khóa danh tính trước.</source>
        <translation>An identity cannot be recorded yet: a commander must set up the identity key first.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="169" />
        <source>Xem danh tính</source>
        <translation>Show identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="169" />
        <source>Mật khẩu của bạn:</source>
        <translation>Your password:</translation>
    </message>
</context>
<context>
    <name>ImportBox</name>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="105" />
        <source>Chọn các gói (.antq) mang về từ đơn vị: chương trình kiểm tra chữ ký, giải mã và kiểm tra từng bản ghi, rồi cho xem kết quả trước khi ghi. Nhập lại một gói đã nhập không thay đổi gì.</source>
        <translation>Choose the packages (.antq) brought from the units: their signatures are checked, they are decrypted and every record is validated, and you see the result before anything is written. Importing a package again changes nothing.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="107" />
        <source>&amp;Chọn gói…</source>
        <translation>&amp;Choose packages…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="108" />
        <source>&amp;Nhập</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="109" />
        <source>Gói bị từ chối, bản ghi bị loại và xung đột:</source>
        <translation>Refused packages, rejected records and conflicts:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="113" />
        <source>Tệp</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="113" />
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="113" />
        <source>Số gói</source>
        <translation>Package no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="113" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="113" />
        <source>Tạo mới</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="114" />
        <source>Cập nhật</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="114" />
        <source>Không đổi</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="114" />
        <source>Xóa</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="114" />
        <source>Bị loại</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="114" />
        <source>Xung đột</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="123" />
        <source>Vai trò của bạn không được nhập gói dữ liệu (chỉ cán bộ và chỉ huy).</source>
        <translation>Your role may not import packages (officers and commanders only).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="129" />
        <source>Chọn gói và kiểm tra trước khi nhập.</source>
        <translation>Choose packages and check them before importing.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="137" />
        <source>Chọn gói dữ liệu để nhập</source>
        <translation>Choose the packages to import</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="138" />
        <source>Gói dữ liệu ANTQ (*.antq);;Tất cả các tệp (*)</source>
        <translation>ANTQ packages (*.antq);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="147" />
        <location filename="../../desktop/ui/exchange_import.py" line="168" />
        <source>Nhập gói dữ liệu</source>
        <translation>Import packages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="147" />
        <source>Cụm từ mật khẩu của khóa trao đổi (để mở gói):</source>
        <translation>The exchange key's passphrase (to open the packages):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="148" />
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="167" />
        <source>Đang kiểm tra các gói…</source>
        <translation>Checking the packages…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="167" />
        <source>Đang nhập các gói…</source>
        <translation>Importing the packages…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="168" />
        <source>Kiểm tra gói dữ liệu</source>
        <translation>Checking packages</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="177" />
        <source>Đã kiểm tra: chưa ghi gì. Xem kết quả rồi bấm «Nhập» để ghi.</source>
        <translation>Checked: nothing written yet. Look at the result, then press «Import» to write it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="181" />
        <source>Không có gói mới để nhập (xem trạng thái từng gói).</source>
        <translation>No new package to import (see each package's status).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="190" />
        <source>Đã nhập %1 gói.</source>
        <translation>Imported %1 packages.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="230" />
        <source>  • bị loại: %1 %2 — %3</source>
        <translation>  • rejected: %1 %2 — %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="234" />
        <source>  • xung đột: %1 %2 (hai nơi cùng sửa: giữ bản sửa sau cùng)</source>
        <translation>  • conflict: %1 %2 (edited in two places: the later edit is kept)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_import.py" line="238" />
        <source>… và %1 dòng nữa.</source>
        <translation>… and %1 more lines.</translation>
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
        <location filename="../../desktop/ui/import_export.py" line="114" />
        <location filename="../../desktop/ui/import_export.py" line="248" />
        <source>Đang kiểm tra tệp…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="161" />
        <source>Dòng</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="161" />
        <source>Cột</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="161" />
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="194" />
        <location filename="../../desktop/ui/import_export.py" line="250" />
        <source>Đang nhập…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="231" />
        <source>Lỗ&amp;i (%1)</source>
        <translation>&amp;Errors (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="234" />
        <source>Các &amp;dòng trong tệp (%1 dòng đầu trong %2)</source>
        <translation>&amp;Rows in the file (first %1 of %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="237" />
        <source>Các &amp;dòng trong tệp (%1)</source>
        <translation>&amp;Rows in the file (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="246" />
        <source>chưa ghi gì vào cơ sở dữ liệu</source>
        <translation>nothing has been written to the database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="252" />
        <source>Đã dừng kiểm tra tệp.</source>
        <translation>Stopped checking the file.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="254" />
        <source>Không thực hiện được: %1</source>
        <translation>Could not be done: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="258" />
        <source>Chọn loại bản ghi và tệp bảng tính (.xlsx hoặc .csv) để xem trước. Không có gì được ghi trước khi bấm «Nhập».</source>
        <translation>Choose a record kind and a spreadsheet (.xlsx or .csv) to preview. Nothing is written until you press «Import».</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="261" />
        <source>%1 — %2.</source>
        <translation>%1 — %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="264" />
        <source>%1 lỗi ở %2 dòng — %3.</source>
        <translation>%1 errors on %2 lines — %3.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="269" />
        <source>, %1 dòng không thay đổi</source>
        <translation>, %1 rows unchanged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="271" />
        <source>Đã thêm %1, cập nhật %2%3.</source>
        <translation>Added %1, updated %2%3.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="272" />
        <source>%1 dòng hợp lệ: sẽ thêm %2, cập nhật %3%4 — %5. Bấm «Nhập» để ghi.</source>
        <translation>%1 valid rows: %2 to add, %3 to update%4 — %5. Press «Import» to write them.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="277" />
        <source>Nhập bảng tính</source>
        <translation>Import spreadsheet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/import_export.py" line="278" />
        <source>&amp;Nhập</source>
        <translation>&amp;Import</translation>
    </message>
</context>
<context>
    <name>KeysBox</name>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="129" />
        <source>Tạo &amp;khóa tỉnh…</source>
        <translation>Make province &amp;key…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="130" />
        <source>&amp;Nhận khóa tỉnh…</source>
        <translation>&amp;Take province key…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="131" />
        <source>Đăng ký khóa đơn &amp;vị…</source>
        <translation>Enrol &amp;unit key…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="132" />
        <source>Thu &amp;hồi</source>
        <translation>Re&amp;voke</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="133" />
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="133" />
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="133" />
        <source>Dấu vân tay khóa</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="134" />
        <source>Ngày thêm</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="134" />
        <location filename="../../desktop/ui/exchange_keys.py" line="314" />
        <source>Thu hồi</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="171" />
        <source>Chỉ người quản trị được quản lý khóa trao đổi.</source>
        <translation>Only an administrator manages exchange keys.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="178" />
        <source>Chọn một khóa còn hiệu lực trong danh sách.</source>
        <translation>Choose a key still in force in the list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="203" />
        <source>Cụm từ mật khẩu của khóa trao đổi của máy này:</source>
        <translation>This installation's exchange key passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="205" />
        <source>Đặt cụm từ mật khẩu cho khóa trao đổi (ít nhất %1 ký tự). Hãy ghi nhớ: mất cụm từ này thì phải tạo khóa mới và đăng ký lại.</source>
        <translation>Set a passphrase for the exchange key (at least %1 characters). Remember it: without it a new key must be made and enrolled again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="215" />
        <source>Chọn thư mục (USB) ghi tệp khóa của tỉnh cho các đơn vị</source>
        <translation>Choose the folder (USB) for the province's key file for the units</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="221" />
        <location filename="../../desktop/ui/exchange_keys.py" line="224" />
        <source>Tạo khóa tỉnh</source>
        <translation>Make province key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="228" />
        <source>Chọn tệp khóa do tỉnh cấp</source>
        <translation>Choose the key file from the province</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="229" />
        <location filename="../../desktop/ui/exchange_keys.py" line="279" />
        <source>Tệp khóa ANTQ (%1);;Tất cả các tệp (*)</source>
        <translation>ANTQ key files (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="238" />
        <source>Chọn thư mục (USB) ghi tệp đăng ký khóa để mang lên tỉnh</source>
        <translation>Choose the folder (USB) for the enrolment file to take to the province</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="244" />
        <location filename="../../desktop/ui/exchange_keys.py" line="247" />
        <source>Nhận khóa tỉnh</source>
        <translation>Take province key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="252" />
        <source>Đang mở khóa…</source>
        <translation>Opening the key…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="264" />
        <source>Đã ghi tệp đăng ký khóa (mang lên tỉnh): %1</source>
        <translation>Wrote the enrolment file (take it to the province): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="265" />
        <location filename="../../desktop/ui/exchange_keys.py" line="270" />
        <source>Dấu vân tay khóa của máy này: %1</source>
        <translation>This installation's key fingerprint: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="266" />
        <source>Dấu vân tay khóa của tỉnh: %1</source>
        <translation>The province's key fingerprint: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="267" />
        <source>Hãy đọc to hai dấu vân tay này để đối chiếu với cán bộ ở tỉnh.</source>
        <translation>Read both fingerprints aloud to compare them with the officer at the province.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="269" />
        <source>Đã ghi tệp khóa của tỉnh cho các đơn vị: %1</source>
        <translation>Wrote the province's key file for the units: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="271" />
        <source>Khi đơn vị nhận tệp, hãy đọc to dấu vân tay này để đơn vị đối chiếu.</source>
        <translation>When a unit receives the file, read this fingerprint aloud so that the unit can compare it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="278" />
        <source>Chọn tệp đăng ký khóa của đơn vị</source>
        <translation>Choose the unit's enrolment file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="288" />
        <source>Đăng ký khóa của %1 (mã %2)?</source>
        <translation>Enrol the key of %1 (code %2)?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="289" />
        <source>Dấu vân tay khóa: %1

Chỉ đăng ký khi dấu vân tay này giống hệt dấu vân tay cán bộ đơn vị đọc cho bạn.</source>
        <translation>Key fingerprint: %1

Enrol only if it is exactly the fingerprint the unit's officer reads to you.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="291" />
        <source>Đăng ký khóa đơn vị</source>
        <translation>Enrol unit key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="291" />
        <source>Đăng ký</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="311" />
        <source>Thu hồi khóa của %1 (mã %2)?</source>
        <translation>Revoke the key of %1 (code %2)?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="312" />
        <source>Dấu vân tay khóa: %1

Sau khi thu hồi, không nhận gói nào ký bằng khóa này nữa; không hoàn tác được.</source>
        <translation>Key fingerprint: %1

Once revoked, no package signed with this key is accepted any more; this cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="314" />
        <source>Thu hồi khóa</source>
        <translation>Revoke key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/exchange_keys.py" line="335" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="92" />
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="93" />
        <source>Chọn ngôn ngữ của chương trình.</source>
        <translation>Choose the program's language.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="94" />
        <source>Có thể đổi lại sau trong phần Cài đặt.</source>
        <translation>You can change it later in Settings.</translation>
    </message>
</context>
<context>
    <name>ListTabs</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="73" />
        <source>Nguồn tin</source>
        <translation>Information sources</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="73" />
        <source>Vụ việc</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="74" />
        <source>Quyết định khen thưởng</source>
        <translation>Commendation decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="75" />
        <source>Tập thể, cá nhân được khen</source>
        <translation>Commendation recipients</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="488" />
        <source>Mở cơ sở dữ liệu</source>
        <translation>Open a database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="489" />
        <source>Cơ sở dữ liệu ANTQ (*.sqlite3 *.db);;Mọi tệp (*)</source>
        <translation>ANTQ databases (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="512" />
        <source>Đang dùng dữ liệu mẫu: %1</source>
        <translation>Using the demo data: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="514" />
        <source>Đang mở dữ liệu mẫu…</source>
        <translation>Opening the demo data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="522" />
        <location filename="../../desktop/ui/main_window.py" line="589" />
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="523" />
        <source>&lt;b&gt;ANTQ Ledger %1&lt;/b&gt;&lt;br&gt;Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc.</source>
        <translation>&lt;b&gt;ANTQ Ledger %1&lt;/b&gt;&lt;br&gt;Records of the movement "All people protect national security".</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="537" />
        <source>CSDL: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="541" />
        <source>Đơn vị: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="542" />
        <source>Người dùng: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="570" />
        <source>Buổi tuyên truyền</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="570" />
        <source>Mô hình</source>
        <translation>Models</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="571" />
        <source>Nguồn tin và vụ việc</source>
        <translation>Sources &amp; cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="571" />
        <source>Khen thưởng</source>
        <translation>Commendations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="571" />
        <source>Trao đổi dữ liệu</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="572" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="576" />
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="577" />
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="578" />
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="579" />
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="580" />
        <source>Thêm mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="581" />
        <source>Tìm</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="582" />
        <source>Nhập bảng tính…</source>
        <translation>Import spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="583" />
        <source>Xuất bảng tính…</source>
        <translation>Export spreadsheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="584" />
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="585" />
        <source>Mở cơ sở dữ liệu…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="586" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="587" />
        <source>&amp;Hướng dẫn sử dụng</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="588" />
        <source>Mở dữ liệu &amp;mẫu</source>
        <translation>Open &amp;demo data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="569" />
        <source>ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc</source>
        <translation>ANTQ Ledger — records of the movement “All people protect national security”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="420" />
        <location filename="../../desktop/ui/main_window.py" line="531" />
        <source>Đang mở cơ sở dữ liệu…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="443" />
        <source>Đang kiểm tra tệp dữ liệu…</source>
        <translation>Checking the database file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="570" />
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
        <location filename="../../desktop/ui/pages/overview.py" line="460" />
        <source>Đang tính số liệu…</source>
        <translation>Calculating the figures…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="385" />
        <source>Tuyên truyền, tập huấn</source>
        <translation>Dissemination</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="377" />
        <source>Đang tính…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="386" />
        <location filename="../../desktop/ui/pages/overview.py" line="394" />
        <source>Mô hình</source>
        <translation>Security models</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="387" />
        <source>Nguồn tin và vụ việc</source>
        <translation>Sources and cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="388" />
        <source>Khen thưởng</source>
        <translation>Commendations</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="391" />
        <source>Buổi tuyên truyền, tập huấn</source>
        <translation>Dissemination sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="392" />
        <source>Lượt người tham dự</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="393" />
        <source>Trong đó hội viên</source>
        <translation>Of whom members</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="395" />
        <source>Mô hình điển hình</source>
        <translation>Typical models</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="396" />
        <source>Nguồn tin tiếp nhận</source>
        <translation>Sources received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="397" />
        <source>Vụ việc phát hiện từ nguồn tin</source>
        <translation>Cases uncovered from sources</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="398" />
        <source>Đối tượng trong các vụ việc</source>
        <translation>Individuals involved in cases</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="399" />
        <source>Quyết định khen thưởng</source>
        <translation>Commendation decisions</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="400" />
        <source>Tập thể được khen</source>
        <translation>Collectives commended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="401" />
        <source>Cá nhân được khen</source>
        <translation>Individuals commended</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="407" />
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="408" />
        <source>Thời gian:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="411" />
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="411" />
        <source>Năm trước</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="412" />
        <source>5 năm gần đây</source>
        <translation>Last 5 years</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="412" />
        <source>Khoảng ngày</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="413" />
        <source>Theo đơn vị hành chính thời điểm đó</source>
        <translation>By the administrative units of the time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="414" />
        <source>Quy về đơn vị hành chính hiện nay</source>
        <translation>Rolled up into today's administrative units</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="416" />
        <source>Kỳ kết thúc trước ngày 01/07/2025: số liệu theo các đơn vị hành chính trước sắp xếp, hoặc cộng dồn vào đơn vị hành chính hiện nay theo danh mục chuyển đổi chính thức.</source>
        <translation>A period ending before 1 July 2025: figures by the administrative units before the reorganisation, or added up into today's units by the official conversion list.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="418" />
        <source>Lập báo cáo…</source>
        <translation>Make report…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="419" />
        <source>Báo cáo sơ kết (PDF có biểu đồ, hoặc bảng tính Excel) của đơn vị và thời gian đang chọn</source>
        <translation>The review report (PDF with charts, or an Excel workbook) of the unit and period chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="421" />
        <source>Biểu đồ</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="422" />
        <source>Nhấn chuột phải vào một biểu đồ để lưu thành ảnh PNG, SVG hoặc PDF.</source>
        <translation>Right-click a chart to save it as a PNG, SVG or PDF file.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="433" />
        <source>%1 và các đơn vị trực thuộc</source>
        <translation>%1 and the units under it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="450" />
        <source>Giai đoạn %1–%2 — %3</source>
        <translation>%1–%2 — %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="465" />
        <source>Chưa có số liệu năm nay</source>
        <translation>No figures yet this year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="467" />
        <source>Số liệu hiện ra ở đây khi có buổi tuyên truyền, mô hình, nguồn tin, vụ việc hay quyết định khen thưởng trong năm. Để dùng thử với dữ liệu mẫu, chọn Trợ giúp → Mở dữ liệu mẫu.</source>
        <translation>Figures appear here once the year has sessions, models, sources, cases or commendation decisions. To try the program with demo data, choose Help → Open demo data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="470" />
        <source>Chưa có số liệu trong thời gian này</source>
        <translation>No figures in this period yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="472" />
        <source>Số liệu hiện ra ở đây khi có buổi tuyên truyền, mô hình, nguồn tin, vụ việc hay quyết định khen thưởng trong thời gian đã chọn. Để dùng thử với dữ liệu mẫu, chọn Trợ giúp → Mở dữ liệu mẫu.</source>
        <translation>Figures appear here once there are sessions, models, sources, cases or commendation decisions in the chosen period. To try it with demo data, choose Help → Open demo data.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="431" />
        <location filename="../../desktop/ui/pages/overview.py" line="440" />
        <source>Toàn bộ cơ sở dữ liệu</source>
        <translation>Whole database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="448" />
        <source>Năm %1 — %2</source>
        <translation>Year %1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="455" />
        <source>Từ %1 đến %2, gồm cả các đơn vị trực thuộc và đơn vị cũ đã sáp nhập</source>
        <translation>From %1 to %2, including units below and former units merged into it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/overview.py" line="458" />
        <source>Không tính được số liệu: %1</source>
        <translation>Could not calculate the figures: %1</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="58" />
        <source>&amp;Cụm từ mật khẩu:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="59" />
        <source>&amp;Nhập lại:</source>
        <translation>&amp;Again:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="60" />
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="61" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="70" />
        <source>Hãy nhập cụm từ mật khẩu.</source>
        <translation>Type the passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="72" />
        <source>Cụm từ mật khẩu cần ít nhất %1 ký tự.</source>
        <translation>The passphrase needs at least %1 characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/passphrase_dialog.py" line="74" />
        <source>Hai lần nhập không giống nhau.</source>
        <translation>The two entries differ.</translation>
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
        <location filename="../../desktop/ui/forms/record_form.py" line="137" />
        <source>Người cung cấp tin</source>
        <translation>Informant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="140" />
        <source>Chép bản ghi trước</source>
        <translation>Copy previous record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="141" />
        <source>Điền các ô từ bản ghi vừa nhập gần nhất</source>
        <translation>Fill the fields from the last record entered</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="142" />
        <source>Lưu và nhập tiếp</source>
        <translation>Save and new</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="143" />
        <source>Lưu rồi để trống các ô cho bản ghi sau (Ctrl+Enter)</source>
        <translation>Save, then clear the fields for the next record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="144" />
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="145" />
        <source>Lưu và đóng (Ctrl+S)</source>
        <translation>Save and close (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="146" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="147" />
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="153" />
        <source>buổi tuyên truyền</source>
        <translation>dissemination session</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="154" />
        <source>mô hình</source>
        <translation>security model</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="155" />
        <source>nguồn tin</source>
        <translation>information source</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="156" />
        <source>vụ việc</source>
        <translation>case</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="157" />
        <source>quyết định khen thưởng</source>
        <translation>commendation decision</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="158" />
        <source>người, tập thể được khen</source>
        <translation>commendation recipient</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="163" />
        <source>Sửa %1 %2</source>
        <translation>Edit %1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="165" />
        <source>Thêm %1</source>
        <translation>New %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="313" />
        <source>Chưa lưu: hãy sửa các ô đánh dấu đỏ.</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="334" />
        <source>Cùng đơn vị, ngày, hình thức và đơn vị tổ chức.</source>
        <translation>Same unit, date, kind and organisers.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="335" />
        <source>Cùng đơn vị và tên mô hình.</source>
        <translation>Same unit and model name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="336" />
        <source>Cùng đơn vị, ngày, lĩnh vực, hình thức cung cấp và nội dung.</source>
        <translation>Same unit, date, category, channel and content.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="337" />
        <source>Cùng đơn vị, ngày, lĩnh vực và số đối tượng.</source>
        <translation>Same unit, date, category and number of individuals.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="338" />
        <source>Cùng quyết định và tên.</source>
        <translation>Same decision and name.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="360" />
        <source>Chưa lưu.</source>
        <translation>Not saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="390" />
        <source>Đã lưu %1. Nhập bản ghi tiếp theo.</source>
        <translation>Saved %1. Enter the next record.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="412" />
        <source>Chưa có bản ghi nào để chép.</source>
        <translation>There is no record to copy yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/record_form.py" line="415" />
        <source>Đã chép bản ghi trước: hãy sửa những gì khác.</source>
        <translation>Copied the previous record: change what differs.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/questions.py" line="14" />
        <source>Bản ghi này có thể đã được nhập: %1.</source>
        <translation>This record may have been entered already: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/questions.py" line="16" />
        <source>Vẫn lưu</source>
        <translation>Save anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/questions.py" line="17" />
        <source>Không lưu</source>
        <translation>Don't save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/questions.py" line="27" />
        <source>Lưu các thay đổi?</source>
        <translation>Save the changes?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/questions.py" line="29" />
        <source>Các ô đã sửa chưa được lưu.</source>
        <translation>The fields you changed are not saved yet.</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="41" />
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="56" />
        <source>xóa %1</source>
        <translation>deleting %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="173" />
        <source>Hiển thị %1 bản ghi</source>
        <translation>Showing %1 records</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="176" />
        <source>Hiển thị ít nhất %1 bản ghi, đang đếm…</source>
        <translation>Showing at least %1 records, counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="250" />
        <source>Xóa bản ghi</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="251" />
        <source>Xóa %1? Có thể hoàn tác bằng Ctrl+Z.
Lý do xóa (bắt buộc, ghi vào nhật ký):</source>
        <translation>Delete %1? Ctrl+Z undoes it.
Reason for deleting (required, kept in the audit trail):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="271" />
        <source>Đã xóa %1. Nhấn Ctrl+Z để hoàn tác.</source>
        <translation>Deleted %1. Press Ctrl+Z to undo.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="293" />
        <source>Thêm mới</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="294" />
        <source>Thêm bản ghi mới (Ctrl+N)</source>
        <translation>Add a new record (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="295" />
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="297" />
        <source>In giấy khen…</source>
        <translation>Print certificates…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="298" />
        <source>Mở bản ghi đang chọn (Enter)</source>
        <translation>Open the selected record (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="299" />
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/records.py" line="300" />
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
    <name>ReportDialog</name>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="250" />
        <source>Toàn bộ cơ sở dữ liệu</source>
        <translation>Whole database</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="261" />
        <source>%1 (mã %2), gồm cả các đơn vị trực thuộc</source>
        <translation>%1 (code %2), with every unit under it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="267" />
        <source>Kỳ kết thúc trước 01/07/2025: chia theo xã, phường lúc đó, hoặc cộng dồn vào đơn vị hiện nay.</source>
        <translation>A period ending before 1 July 2025: split by the communes of the time, or added up into today's units.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="270" />
        <source>Chỉ dùng cho kỳ kết thúc trước 01/07/2025; kỳ này tính theo đơn vị hiện nay.</source>
        <translation>Only for a period ending before 1 July 2025; this one is counted by today's units.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="297" />
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="297" />
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="300" />
        <source>Lưu báo cáo</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="317" />
        <source>Chọn tệp cần ghi (.pdf hoặc .xlsx).</source>
        <translation>Choose the file to write (.pdf or .xlsx).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="334" />
        <source>Lập báo cáo</source>
        <translation>Make report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="418" />
        <source>Đang lập báo cáo…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="419" />
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="420" />
        <source>Đã ghi báo cáo %1</source>
        <translation>Report written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="421" />
        <source>Đã dừng: không ghi tệp nào.</source>
        <translation>Stopped: no file was written.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="422" />
        <source>Không thực hiện được: %1</source>
        <translation>Could not be done: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="430" />
        <source>Báo cáo sơ kết</source>
        <translation>Review report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="431" />
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="431" />
        <source>&amp;Thời gian:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="432" />
        <source>Đơn vị hành chính:</source>
        <translation>Administrative units:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="432" />
        <source>&amp;Ngôn ngữ:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="433" />
        <source>Định dạn&amp;g:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="433" />
        <source>Tệ&amp;p:</source>
        <translation>Fi&amp;le:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="435" />
        <source>Đơn vị được chọn ở trang Tổng quan</source>
        <translation>The unit chosen on the Overview page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="436" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="437" />
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="438" />
        <source>Th&amp;eo đơn vị hành chính thời điểm đó</source>
        <translation>By the units of the &amp;time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="439" />
        <source>&amp;Quy về đơn vị hành chính hiện nay</source>
        <translation>Rolled up into today's &amp;units</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="440" />
        <source>Chỉ tính số liệu đã d&amp;uyệt</source>
        <translation>Approved records &amp;only</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="441" />
        <source>PDF (có biểu đồ)</source>
        <translation>PDF (with charts)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="442" />
        <source>Bảng tính Excel (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="443" />
        <source>Đường dẫn tệp .pdf hoặc .xlsx</source>
        <translation>Path of the .pdf or .xlsx file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="444" />
        <source>&amp;Chọn…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="445" />
        <source>&amp;Dừng</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="446" />
        <source>&amp;Mở tệp</source>
        <translation>&amp;Open file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="447" />
        <source>Mở t&amp;hư mục</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="448" />
        <source>&amp;Lập báo cáo</source>
        <translation>&amp;Make report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/report_dialog.py" line="449" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="234" />
        <source>Đặt lại mật khẩu cho %1</source>
        <translation>Reset the password of %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="236" />
        <source>%1 là người duy nhất giữ khóa xem danh tính. Đặt lại mật khẩu sẽ xóa bản khóa này: các danh tính đã niêm phong sẽ không ai mở được nữa.</source>
        <translation>%1 is the only holder of the identity key. Resetting the password removes this copy: nobody will be able to open the sealed identities any more.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="239" />
        <source>Đặt lại mật khẩu sẽ xóa bản khóa xem danh tính của %1; một chỉ huy đang giữ khóa cấp lại sau bằng «Cấp khóa xem danh tính…».</source>
        <translation>Resetting the password removes %1's copy of the identity key; a commander who holds the key gives it again with «Give identity key…».</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="242" />
        <source>&amp;Mật khẩu mới:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="243" />
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="244" />
        <source>Đặt lại</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="245" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="132" />
        <source>Tệp dữ liệu bị hỏng</source>
        <translation>Damaged database file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="133" />
        <source>Kiểm tra khi khởi động thấy tệp dữ liệu có lỗi</source>
        <translation>The start-up check found errors in the database file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="137" />
        <source>Tệp dữ liệu bị hỏng (có thể do mất điện giữa chừng hoặc ổ đĩa bị lỗi). Không nên tiếp tục làm việc trên tệp này.</source>
        <translation>The database file is damaged (perhaps a power cut or a failing disk). Do not keep working on it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="141" />
        <source>Một số dòng dữ liệu trỏ tới dữ liệu không còn nữa (tệp đã bị sửa ngoài ứng dụng hoặc bị hỏng).</source>
        <translation>Some rows point to data that is no longer there (the file was edited outside the application, or damaged).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="144" />
        <source>Không có bản sao lưu nào trong thư mục sao lưu. Có thể vẫn mở dữ liệu hiện tại (một số thông tin có thể sai hoặc thiếu), hoặc thoát và nhờ người hỗ trợ.</source>
        <translation>There are no backups. You can still open the current data (some of it may be wrong or missing), or quit and ask for help.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="148" />
        <source>Nên khôi phục từ bản sao lưu tốt gần nhất. Tệp hiện tại sẽ được giữ lại thành một bản sao trước khi khôi phục, nên không mất gì.</source>
        <translation>Restoring from the newest good backup is recommended. The current file is kept as a copy first, so nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="150" />
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="150" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="150" />
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="151" />
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="152" />
        <source>&amp;Khôi phục bản đã chọn…</source>
        <translation>&amp;Restore the chosen backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="153" />
        <source>&amp;Vẫn mở dữ liệu hiện tại</source>
        <translation>&amp;Open the current data anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="154" />
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="174" />
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="176" />
        <source>Hỏng</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="182" />
        <source>Tốt</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="199" />
        <source>Đang kiểm tra các bản sao lưu…</source>
        <translation>Checking the backups…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="200" />
        <source>Kiểm tra các bản sao lưu</source>
        <translation>Check backups</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="212" />
        <source>Bản tốt gần nhất: %1.</source>
        <translation>Newest good backup: %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="214" />
        <source>Không có bản sao lưu nào còn tốt.</source>
        <translation>No good backup left.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="258" />
        <source>Khôi phục dữ liệu</source>
        <translation>Restore data</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="251" />
        <source>Dữ liệu nhập sau thời điểm đó sẽ không có trong tệp khôi phục. Tệp hiện tại được giữ lại trong thư mục sao lưu.</source>
        <translation>Data entered after that time will not be in the restored file. The current file is kept in the backups folder.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/restore_dialog.py" line="257" />
        <source>Đang khôi phục…</source>
        <translation>Restoring…</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="229" />
        <source>Danh tính người cung cấp tin</source>
        <translation>Informant identity</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="230" />
        <source>Nguồn tin %1</source>
        <translation>Source %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="231" />
        <source>Lần xem này đã được ghi vào nhật ký. Cửa sổ tự đóng sau %1 giây.</source>
        <translation>This viewing has been logged. The window closes by itself after %1 seconds.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/forms/identity.py" line="233" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="138" />
        <source>Người dùng</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="138" />
        <source>Sao lưu</source>
        <translation>Backups</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="139" />
        <source>Duyệt số liệu</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="139" />
        <source>Nhật ký</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="140" />
        <source>Mẫu giấy khen</source>
        <translation>Certificate templates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/settings_page.py" line="141" />
        <source>Chung</source>
        <translation>General</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="112" />
        <source>Đã khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="113" />
        <source>Cửa sổ đã khóa vì lâu không dùng. Nhập mật khẩu để tiếp tục.</source>
        <translation>The window locked after a while unused. Enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="115" />
        <location filename="../../desktop/ui/sign_in.py" line="119" />
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="116" />
        <source>Đăng nhập để dùng Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc.</source>
        <translation>Sign in to use the ledger of the movement "All people protect national security".</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="117" />
        <source>&amp;Tên đăng nhập:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="118" />
        <source>&amp;Mật khẩu:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="120" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sign_in.py" line="179" />
        <source>Có thể thử lại sau %1.</source>
        <translation>You can try again in %1.</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="199" />
        <source>Danh &amp;sách mẫu:</source>
        <translation>&amp;Templates:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="200" />
        <source>Mẫu</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="200" />
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="207" />
        <source>&amp;Tên mẫu:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="207" />
        <source>Tên &amp;hiển thị:</source>
        <translation>&amp;Display name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="207" />
        <source>Tên &amp;giấy:</source>
        <translation>Award &amp;title:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="208" />
        <source>Dòng t&amp;rên tên giấy:</source>
        <translation>Line a&amp;bove the title:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="208" />
        <source>Cấp &amp;khen thưởng:</source>
        <translation>Issuing &amp;authority:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="209" />
        <source>Chức &amp;vụ người ký:</source>
        <translation>Signer's &amp;position:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="209" />
        <source>Họ tê&amp;n người ký:</source>
        <translation>Signer's na&amp;me:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="210" />
        <source>Địa &amp;danh:</source>
        <translation>&amp;Place name:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="210" />
        <source>&amp;Lời dẫn trước thành tích:</source>
        <translation>Words &amp;before the achievement:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="211" />
        <source>Màu v&amp;iền:</source>
        <translation>Bo&amp;rder colour:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="211" />
        <source>Màu tên giấ&amp;y:</source>
        <translation>Title colo&amp;ur:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="212" />
        <source>Màu &amp;chữ:</source>
        <translation>Te&amp;xt colour:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="212" />
        <source>&amp;Biểu trưng:</source>
        <translation>&amp;Emblem:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="216" />
        <source>chữ thường không dấu, số, _ (vd. giay_khen_cap_xa)</source>
        <translation>lower-case ASCII, digits, _ (e.g. giay_khen_cap_xa)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="217" />
        <source>GIẤY KHEN, BẰNG KHEN…</source>
        <translation>GIẤY KHEN, BẰNG KHEN…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="218" />
        <source>TẶNG (để trống cho giấy chứng nhận)</source>
        <translation>TẶNG (empty for a certificate of participation)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="219" />
        <source>theo quyết định, nếu để trống</source>
        <translation>from the decision, if empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="220" />
        <source>tên tỉnh, nếu để trống</source>
        <translation>the province, if empty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="221" />
        <source>vd. Đã tham dự</source>
        <translation>e.g. Đã tham dự</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="224" />
        <source>Chọn màu…</source>
        <translation>Choose colour…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="225" />
        <source>Chọn ảnh…</source>
        <translation>Choose image…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="226" />
        <source>Bỏ ảnh</source>
        <translation>Remove image</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="228" />
        <source>Xem trước (giấy mẫu, chưa lưu):</source>
        <translation>Preview (sample page, not saved):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="229" />
        <source>&amp;Mẫu mới</source>
        <translation>&amp;New template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="230" />
        <source>Lư&amp;u</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="231" />
        <source>&amp;Xóa mẫu riêng</source>
        <translation>&amp;Delete custom template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="234" />
        <source>riêng</source>
        <translation>custom</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="234" />
        <source>mặc định</source>
        <translation>default</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="307" />
        <source>Mẫu giấy khen</source>
        <translation>Certificate templates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="308" />
        <source>Lưu các thay đổi của mẫu này?</source>
        <translation>Save the changes to this template?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="309" />
        <source>Các ô đã sửa chưa được lưu.</source>
        <translation>The fields you changed are not saved yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="310" />
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="311" />
        <source>Bỏ thay đổi</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="312" />
        <location filename="../../desktop/ui/pages/templates_tab.py" line="491" />
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="356" />
        <source>Mẫu mới: đặt tên mẫu rồi bấm Lưu.</source>
        <translation>New template: give it a name, then Save.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="420" />
        <source>có ảnh (%1 KB)</source>
        <translation>image set (%1 KB)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="422" />
        <source>không có ảnh</source>
        <translation>no image</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="426" />
        <source>Chọn ảnh biểu trưng</source>
        <translation>Choose the emblem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="427" />
        <source>Ảnh PNG hoặc JPEG (*.png *.jpg *.jpeg)</source>
        <translation>PNG or JPEG images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="482" />
        <source>Xóa mẫu riêng</source>
        <translation>Delete custom template</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="485" />
        <source>Xóa mẫu riêng «%1»?</source>
        <translation>Delete the custom template «%1»?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="487" />
        <source>Mẫu mặc định cùng tên sẽ được dùng lại.</source>
        <translation>The default of the same name will be used again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="489" />
        <source>Mẫu này sẽ không còn trong danh sách.</source>
        <translation>This template will no longer be listed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="490" />
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/templates_tab.py" line="513" />
        <source>Mẫu mặc định cùng tên được dùng lại.</source>
        <translation>The default of the same name is used again.</translation>
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
        <location filename="../../desktop/ui/wizard.py" line="140" />
        <source>Đơn vị sử dụng</source>
        <translation>Your unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="142" />
        <source>Chọn phường, xã (hoặc tỉnh, thành phố) dùng chương trình này, theo danh mục đơn vị hành chính từ 01/7/2025.</source>
        <translation>Choose the ward or commune (or province) that uses this program, from the list of administrative units in force since 1 July 2025.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="143" />
        <source>&amp;Tìm đơn vị:</source>
        <translation>&amp;Find the unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="144" />
        <source>Gõ tên phường, xã, không cần dấu</source>
        <translation>Type the ward or commune name, accents not needed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="182" />
        <source>Đang tải danh mục đơn vị…</source>
        <translation>Loading the list of units…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="184" />
        <source>Không đọc được danh mục đơn vị: %1</source>
        <translation>Cannot read the list of units: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="186" />
        <source>Ví dụ: phuong cua nam, xa tan lap</source>
        <translation>For example: phuong cua nam, xa tan lap</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="188" />
        <source>Không tìm thấy đơn vị nào.</source>
        <translation>No unit found.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="190" />
        <source>Chỉ hiện %1 đơn vị đầu tiên: gõ thêm để thu hẹp.</source>
        <translation>Showing the first %1 units only: type more to narrow down.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="198" />
        <source>Chưa chọn đơn vị: dùng phím ↓ ↑ hoặc chuột để chọn.</source>
        <translation>No unit chosen yet: use ↓ ↑ or the mouse to choose.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/wizard.py" line="200" />
        <source>Đã chọn: %1, mã %2.</source>
        <translation>Chosen: %1, code %2.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="304" />
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="304" />
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="304" />
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="304" />
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="305" />
        <source>Tổ chức</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="305" />
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="305" />
        <source>Khóa danh tính</source>
        <translation>Identity key</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="306" />
        <source>&amp;Thêm người dùng…</source>
        <translation>&amp;Add user…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="307" />
        <source>Đặt &amp;lại mật khẩu…</source>
        <translation>Re&amp;set password…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="308" />
        <source>Cấp khóa &amp;xem danh tính…</source>
        <translation>Give identity &amp;key…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="309" />
        <source>Cho một chỉ huy chưa giữ khóa (mới thêm, hoặc vừa được đặt lại mật khẩu) một bản khóa xem danh tính người cung cấp tin.</source>
        <translation>Give a commander without the key (newly added, or whose password was just reset) a copy of the key to informant identities.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="312" />
        <source>Chỉ quản trị viên thêm, khóa hoặc đặt lại mật khẩu cho tài khoản.</source>
        <translation>Only administrators add, disable or reset accounts.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="313" />
        <source>Chỉ quản trị viên mới quản lý được người dùng.</source>
        <translation>Only administrators manage users.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="331" />
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="332" />
        <source>Chưa cấp</source>
        <translation>Not given</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="343" />
        <source>Đang dùng</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="343" />
        <source>Đã khóa</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="375" />
        <source>&amp;Khóa tài khoản</source>
        <translation>&amp;Disable account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="375" />
        <source>&amp;Mở khóa tài khoản</source>
        <translation>&amp;Enable account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="390" />
        <source>Đã thêm tài khoản %1.</source>
        <translation>Added account %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="405" />
        <source>Đã đặt lại mật khẩu cho %1.</source>
        <translation>Reset the password of %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="420" />
        <source>Đã cấp khóa xem danh tính cho %1.</source>
        <translation>Gave the identity key to %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="435" />
        <source>Đã khóa tài khoản %1.</source>
        <translation>Disabled account %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/pages/users.py" line="435" />
        <source>Đã mở khóa tài khoản %1.</source>
        <translation>Enabled account %1.</translation>
    </message>
</context>
<context>
    <name>_SheetDialog</name>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="98" />
        <source>&amp;Loại bản ghi:</source>
        <translation>Record &amp;kind:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="99" />
        <source>&amp;Tệp:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="100" />
        <source>Đường dẫn tệp .xlsx hoặc .csv</source>
        <translation>Path of a .xlsx or .csv file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="101" />
        <source>&amp;Chọn tệp…</source>
        <translation>C&amp;hoose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sheet_dialog.py" line="102" />
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>self.page</name>
    <message>
        <location filename="../../desktop/ui/latest_only.py" line="41" />
        <source>Đang tính số liệu…</source>
        <translation>Calculating the figures…</translation>
    </message>
</context>
</TS>