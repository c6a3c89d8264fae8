namespace DanVan.E2E.Infrastructure;

/// <summary>
/// The Vietnamese names of the controls the tests use, written out as a person reads them on the screen
/// (the interface is Vietnamese by default), so a wrong or missing label fails a test.
/// </summary>
public static class Vi
{
    public const string Email = "Địa chỉ thư điện tử";
    public const string Password = "Mật khẩu";
    public const string SignInButton = "Đăng nhập";
    public const string SignInFailed = "Địa chỉ thư điện tử hoặc mật khẩu không đúng.";
    public const string SignOut = "Đăng xuất";
    public const string AuthenticatorCode = "Mã từ ứng dụng xác thực";
    public const string Verify = "Xác nhận";
    public const string TwoFactorContinue = "Tôi đã lưu các mã – tiếp tục";
    public const string NavUnits = "Đơn vị";
    public const string SearchLabel = "Tên hoặc mã";
    public const string SearchButton = "Tìm kiếm";
    public const string NotFoundTitle = "Không tìm thấy trang";
    public const string ImportFile = "Tệp (.csv hoặc .xlsx)";
    public const string ImportCheck = "Kiểm tra tệp";
    public const string ImportCommit = "Nhập dữ liệu";
    public const string Name = "Tên";
    public const string Save = "Lưu";
    public const string AddOrganization = "Thêm tổ chức";
}
