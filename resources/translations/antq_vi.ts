<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="vi_VN">
<!-- Vietnamese: the interface strings are already Vietnamese; Qt ships no qtbase_vi.qm, so the contexts QPlatformTheme, QMessageBox and QProgressDialog translate Qt's standard dialog buttons here. -->
<context>
    <name>MainWindow</name>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>Mở cơ sở dữ liệu &amp;mẫu</source>
        <translation>Mở cơ sở dữ liệu &amp;mẫu</translation>
    </message>
    <message>
        <source>ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc</source>
        <translation>ANTQ Ledger — Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc</translation>
    </message>
    <message>
        <source>Chưa có dữ liệu</source>
        <translation>Chưa có dữ liệu</translation>
    </message>
    <message>
        <source>Chọn Trợ giúp → Mở cơ sở dữ liệu mẫu để dùng thử.</source>
        <translation>Chọn Trợ giúp → Mở cơ sở dữ liệu mẫu để dùng thử.</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>Dữ liệu mẫu</source>
        <translation>Dữ liệu mẫu</translation>
    </message>
    <message>
        <source>Đang dùng cơ sở dữ liệu mẫu: %1</source>
        <translation>Đang dùng cơ sở dữ liệu mẫu: %1</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Đang dừng…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <source>Không thực hiện được: %1</source>
        <translation>Không thực hiện được: %1</translation>
    </message>
    <message>
        <source>Lỗi chương trình</source>
        <translation>Lỗi chương trình</translation>
    </message>
    <message>
        <source>Chương trình gặp lỗi. Xin gửi nội dung chi tiết dưới đây cho người hỗ trợ.</source>
        <translation>Chương trình gặp lỗi. Xin gửi nội dung chi tiết dưới đây cho người hỗ trợ.</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Lưu tất cả</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Có với &amp;tất cả</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Khô&amp;ng với tất cả</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Khôi phục mặc định</translation>
    </message>
    <message>
        <source>Don't Save</source>
        <translation>Không lưu</translation>
    </message>
    <message>
        <source>Close without Saving</source>
        <translation>Đóng không lưu</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>Hiện chi tiết...</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>Ẩn chi tiết...</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
</TS>
