/// Parsing of HTTP-dates (RFC 9110 §5.6.7): IMF-fixdate, the obsolete RFC 850 form and asctime.
package enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Seconds since the Unix epoch for an HTTP-date, or nil if the text is not one.
    package static func secondsSinceEpoch(_ text: String) -> Int64? {
        // Split on spaces, commas, colons and dashes; the three forms then differ only in field order.
        let fields = text.lowercased().split(whereSeparator: { " ,:-".contains($0) }).map(String.init)
        guard fields.count >= 7 else { return nil }
        var day: Int?, month: Int?, year: Int?, hour: Int?, minute: Int?, second: Int?
        if fields.count == 8, fields[7] == "gmt" {
            // IMF-fixdate "sun, 06 nov 1994 08:49:37 gmt" or RFC 850 "sunday, 06-nov-94 08:49:37 gmt".
            day = Int(fields[1])
            month = months.firstIndex(of: fields[2])
            year = Int(fields[3]).map { $0 < 100 ? ($0 < 70 ? 2000 + $0 : 1900 + $0) : $0 }
            hour = Int(fields[4])
            minute = Int(fields[5])
            second = Int(fields[6])
        } else if fields.count == 7 {
            // asctime "sun nov  6 08:49:37 1994".
            month = months.firstIndex(of: fields[1])
            day = Int(fields[2])
            hour = Int(fields[3])
            minute = Int(fields[4])
            second = Int(fields[5])
            year = Int(fields[6])
        }
        guard let day, let month, let year, let hour, let minute, let second,
            (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            year >= 1970
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month + 1, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Formats seconds since the epoch as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT").
    package static func format(secondsSinceEpoch: Int64) -> String {
        let days = Int(secondsSinceEpoch.floorDivided(by: 86_400))
        let secondsOfDay = Int(secondsSinceEpoch - Int64(days) * 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
        let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(day)) \(monthName) \(year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) GMT"
    }

    // Howard Hinnant's days_from_civil / civil_from_days algorithms (proleptic Gregorian calendar).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
