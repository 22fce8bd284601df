import DaftarJSON
import Testing

/// The asserted formats: `date`, `time`, `date-time`, `uuid`, `email`.
@Suite struct JSONSchemaFormatTests {
    static func accepts(_ format: String, _ text: String) throws -> Bool {
        try compile(#"{"format":"\#(format)"}"#).isValid(.string(text))
    }

    @Test(arguments: [
        "2024-02-29", "2000-02-29", "2023-02-28", "2023-12-31", "0001-01-01", "2023-04-30", "1999-01-31",
    ])
    func validDates(_ text: String) throws {
        #expect(try Self.accepts("date", text))
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2100-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
        "2023-01-32", "2023-1-01", "23-01-01", "2023/01/01", "2023-01-01T00:00:00Z", " 2023-01-01", "2023-01-01\n",
        "٢٠٢٣-٠١-٠١", "20230101", "",
    ])
    func invalidDates(_ text: String) throws {
        #expect(try !Self.accepts("date", text))
    }

    @Test(arguments: [
        "1963-06-19T08:30:06.283185Z", "1963-06-19t08:30:06z", "2024-02-29T23:59:59+03:00", "2024-01-01T00:00:00-05:30",
        "1998-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "2024-01-01T00:00:00.1Z",
    ])
    func validDateTimes(_ text: String) throws {
        #expect(try Self.accepts("date-time", text))
    }

    @Test(arguments: [
        "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:61Z",
        "1998-12-31T23:58:60Z", "1998-12-31T22:59:60Z", "2024-01-01T00:00:00", "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+0300", "2024-01-01T00:00:00+24:00", "2024-01-01T00:00Z",
        "2024-01-01", "2024-01-01T00:00:00Zjunk",
    ])
    func invalidDateTimes(_ text: String) throws {
        #expect(try !Self.accepts("date-time", text))
    }

    @Test func times() throws {
        #expect(try Self.accepts("time", "08:30:06Z"))
        #expect(try Self.accepts("time", "08:30:06.5+01:00"))
        #expect(try !Self.accepts("time", "08:30:06"))
        #expect(try !Self.accepts("time", "8:30:06Z"))
    }

    @Test(arguments: [
        ("2e4c3a6a-1b2c-4d5e-8f90-a1b2c3d4e5f6", true), ("2E4C3A6A-1B2C-4D5E-8F90-A1B2C3D4E5F6", true),
        ("00000000-0000-0000-0000-000000000000", true), ("2e4c3a6a-1b2c-4d5e-8f90-a1b2c3d4e5f", false),
        ("2e4c3a6a1b2c-4d5e-8f90-a1b2c3d4e5f6a", false), ("2e4c3a6a-1b2c-4d5e-8f90-a1b2c3d4e5fg", false),
        ("{2e4c3a6a-1b2c-4d5e-8f90-a1b2c3d4e5f6}", false), ("", false),
    ])
    func uuids(_ text: String, _ valid: Bool) throws {
        #expect(try Self.accepts("uuid", text) == valid)
    }

    @Test(arguments: [
        ("joe.bloggs@example.com", true), ("te~st@example.com", true), ("\"joe bloggs\"@example.com", true),
        ("joe@[127.0.0.1]", true), ("joe@[IPv6:::1]", true), ("joe@[IPv6:2001:db8::ff00:42:8329]", true),
        ("a@b", true), ("2962", false), (".test@example.com", false), ("test.@example.com", false),
        ("te..st@example.com", false), ("joe@invalid=domain.com", false), ("joe@[127.0.0.300]", false),
        ("joe@-example.com", false), ("joe@example..com", false), ("@example.com", false), ("joe@", false),
        ("jo e@example.com", false), ("joe@[IPv6:1::2::3]", false),
    ])
    func emails(_ text: String, _ valid: Bool) throws {
        #expect(try Self.accepts("email", text) == valid)
    }
}
