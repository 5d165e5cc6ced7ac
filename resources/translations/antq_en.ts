<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<!-- English for the interface; the source strings in the code are Vietnamese. Qt's own dialogs come from Qt's qtbase_en.qm. -->
<context>
    <name>MainWindow</name>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Mở cơ sở dữ liệu &amp;mẫu</source>
        <translation>Open the &amp;demo database</translation>
    </message>
    <message>
        <source>ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc</source>
        <translation>ANTQ Ledger — records of the movement “All people protect national security”</translation>
    </message>
    <message>
        <source>Chưa có dữ liệu</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <source>Chọn Trợ giúp → Mở cơ sở dữ liệu mẫu để dùng thử.</source>
        <translation>Choose Help → Open the demo database to try it out.</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Dữ liệu mẫu</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>Đang dùng cơ sở dữ liệu mẫu: %1</source>
        <translation>Using the demo database: %1</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <source>Không thực hiện được: %1</source>
        <translation>Could not be done: %1</translation>
    </message>
    <message>
        <source>Lỗi chương trình</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>Chương trình gặp lỗi. Xin gửi nội dung chi tiết dưới đây cho người hỗ trợ.</source>
        <translation>The program ran into an error. Please send the details below to whoever supports you.</translation>
    </message>
</context>
</TS>
