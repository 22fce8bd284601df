extension SchemaNode {
    /// Evaluates `instance` against this subschema, reporting to `sink`.
    /// - Returns: whether the instance is valid.
    func evaluate(_ instance: JSONValue, in program: SchemaProgram, _ sink: inout ViolationSink) -> Bool {
        if keywords.isFalse {
            _ = sink.fail(violation("false", [], instance, .value, "is not allowed here (the schema is false)"))
            return false
        }
        var valid = true

        if let ref = keywords.ref,
            !program.evaluate(ref, instance, &sink, instanceToken: nil, schemaToken: "$ref")
        {
            valid = false
            if sink.mode.stopsAtFirst { return false }
        }
        if let types = keywords.types, !types.admits(instance) {
            valid = false
            if sink.fail(violation("type", ["type"], instance, .value, "must be \(types.description), not \(instance.kindName) (type)")) {
                return false
            }
        }
        if let constValue = keywords.constValue, constValue != instance {
            valid = false
            if sink.fail(violation("const", ["const"], instance, .value, "must equal \(SchemaNode.preview(constValue)) (const)")) {
                return false
            }
        }
        if let enumValues = keywords.enumValues,
            enumValues.count <= 8 ? !enumValues.contains(instance) : !keywords.enumSet.contains(instance)
        {
            valid = false
            let allowed = SchemaNode.preview(.array(enumValues))
            if sink.fail(violation("enum", ["enum"], instance, .value, "must be one of \(allowed) (enum)")) {
                return false
            }
        }

        switch instance {
        case .string(let string) where hasStringAssertions:
            if !evaluateString(string, instance, &sink) {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        case .number(let number) where hasNumberAssertions:
            if !evaluateNumber(number, instance, &sink) {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        case .object(let members) where hasObjectAssertions:
            if !evaluateObject(members, in: program, &sink) {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        case .array(let items) where hasArrayAssertions:
            if !evaluateArray(items, instance, in: program, &sink) {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        default:
            break
        }

        if !evaluateApplicators(instance, in: program, &sink) { valid = false }
        return valid
    }

    // MARK: - Strings

    private func evaluateString(_ string: String, _ instance: JSONValue, _ sink: inout ViolationSink) -> Bool {
        var valid = true
        if keywords.minLength != nil || keywords.maxLength != nil {
            // A string never has more code points than UTF-8 bytes, so the byte count often decides.
            let bytes = string.utf8.count
            var length: Int?
            func codePoints() -> Int {
                if let length { return length }
                let n = string.unicodeScalars.count
                length = n
                return n
            }
            if let min = keywords.minLength, bytes < min || codePoints() < min {
                valid = false
                let detail = "must be at least \(min) characters long (minLength)"
                if sink.fail(violation("minLength", ["minLength"], instance, .value, detail)) { return false }
            }
            if let max = keywords.maxLength, bytes > max, codePoints() > max {
                valid = false
                let detail = "must be at most \(max) characters long (maxLength)"
                if sink.fail(violation("maxLength", ["maxLength"], instance, .value, detail)) { return false }
            }
        }
        if let pattern = keywords.pattern, !pattern.matches(string) {
            valid = false
            let detail = "does not match the pattern \(pattern.source) (pattern)"
            if sink.fail(violation("pattern", ["pattern"], instance, .value, detail)) { return false }
        }
        if let format = keywords.format, !format.accepts(string) {
            valid = false
            let detail = "is not \(format.noun) (format \"\(format.rawValue)\")"
            if sink.fail(violation("format", ["format"], instance, .value, detail)) { return false }
        }
        return valid
    }

    // MARK: - Numbers

    private func evaluateNumber(_ number: JSONNumber, _ instance: JSONValue, _ sink: inout ViolationSink) -> Bool {
        if let integer = number.plainInt64, integerLimitsHold(integer) { return true }
        let value = number.decimal
        var valid = true
        if let limit = keywords.minimum, value < limit.value {
            valid = false
            let detail = "must be at least \(limit.literal) (minimum)"
            if sink.fail(violation("minimum", ["minimum"], instance, .value, detail)) { return false }
        }
        if let limit = keywords.maximum, limit.value < value {
            valid = false
            let detail = "must be at most \(limit.literal) (maximum)"
            if sink.fail(violation("maximum", ["maximum"], instance, .value, detail)) { return false }
        }
        if let limit = keywords.exclusiveMinimum, !(limit.value < value) {
            valid = false
            let detail = "must be greater than \(limit.literal) (exclusiveMinimum)"
            if sink.fail(violation("exclusiveMinimum", ["exclusiveMinimum"], instance, .value, detail)) { return false }
        }
        if let limit = keywords.exclusiveMaximum, !(value < limit.value) {
            valid = false
            let detail = "must be less than \(limit.literal) (exclusiveMaximum)"
            if sink.fail(violation("exclusiveMaximum", ["exclusiveMaximum"], instance, .value, detail)) { return false }
        }
        if let divisor = keywords.multipleOf, !SchemaNode.isMultiple(value, of: divisor.value) {
            valid = false
            let detail = "must be a multiple of \(divisor.literal) (multipleOf)"
            if sink.fail(violation("multipleOf", ["multipleOf"], instance, .value, detail)) { return false }
        }
        return valid
    }

    /// Whether a plain integer meets every numeric limit, decided without building an
    /// `ExactDecimal`; `false` also when a limit is not a plain integer (the caller then decides
    /// exactly).
    private func integerLimitsHold(_ value: Int64) -> Bool {
        if let limit = keywords.minimum { guard let l = limit.integer, value >= l else { return false } }
        if let limit = keywords.maximum { guard let l = limit.integer, value <= l else { return false } }
        if let limit = keywords.exclusiveMinimum { guard let l = limit.integer, value > l else { return false } }
        if let limit = keywords.exclusiveMaximum { guard let l = limit.integer, value < l else { return false } }
        if let divisor = keywords.multipleOf {
            // The loader guarantees the divisor is positive, so `%` cannot trap.
            guard let d = divisor.integer, value % d == 0 else { return false }
        }
        return true
    }

    /// `value.isMultiple(of: divisor)`, computed in 64-bit integers when both scaled to a common
    /// exponent fit, as they do for amounts and scores with a few decimal places.
    static func isMultiple(_ value: ExactDecimal, of divisor: ExactDecimal) -> Bool {
        if value.digits.isEmpty { return true }
        let common = Swift.min(value.exponent, divisor.exponent)
        func scaled(_ d: ExactDecimal) -> UInt64? {
            let zeros = d.exponent - common
            guard d.digits.count + zeros <= 19 else { return nil }
            var n: UInt64 = 0
            for digit in d.digits { n = n * 10 + UInt64(digit) }
            for _ in 0..<zeros { n *= 10 }
            return n
        }
        // Nineteen digits always fit in UInt64, so neither loop can overflow.
        if let a = scaled(value), let b = scaled(divisor), b != 0 { return a % b == 0 }
        return value.isMultiple(of: divisor)
    }

    // MARK: - Objects

    private func evaluateObject(
        _ members: [String: JSONValue], in program: SchemaProgram, _ sink: inout ViolationSink
    ) -> Bool {
        var valid = true
        for name in keywords.required where members[name] == nil {
            valid = false
            let v = violation(
                "required", ["required"], nil, .missingMember, "is missing (required)", member: .member(name))
            if sink.fail(v) { return false }
        }
        for (trigger, names) in keywords.dependentRequired where members[trigger] != nil {
            for name in names where members[name] == nil {
                valid = false
                let detail = "is missing; it is required when \(JSONPointer.text([trigger])) is present (dependentRequired)"
                let v = violation(
                    "dependentRequired", ["dependentRequired", trigger], nil, .missingMember, detail,
                    member: .member(name))
                if sink.fail(v) { return false }
            }
        }
        if let min = keywords.minProperties, members.count < min {
            valid = false
            let detail = "must have at least \(min) properties (minProperties)"
            if sink.fail(violation("minProperties", ["minProperties"], .object(members), .value, detail)) { return false }
        }
        if let max = keywords.maxProperties, members.count > max {
            valid = false
            let detail = "must have at most \(max) properties (maxProperties)"
            if sink.fail(violation("maxProperties", ["maxProperties"], .object(members), .value, detail)) { return false }
        }

        if membersFollowProperties {
            // Only `properties` looks at members: visit the declared names, already in a stable order.
            for (name, schema) in keywords.properties {
                guard let value = members[name] else { continue }
                if !program.evaluate(
                    schema, value, &sink, instanceToken: .member(name), schemaToken: "properties", schemaSubtoken: name)
                {
                    valid = false
                    if sink.mode.stopsAtFirst { return false }
                }
            }
            return valid
        }

        if sink.mode.records {
            for name in members.keys.sorted() where !evaluateMember(name, members[name]!, in: program, &sink) {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        } else {
            for (name, value) in members where !evaluateMember(name, value, in: program, &sink) {
                return false
            }
        }
        return valid
    }

    private func evaluateMember(
        _ name: String, _ value: JSONValue, in program: SchemaProgram, _ sink: inout ViolationSink
    ) -> Bool {
        var valid = true
        var matched = false
        if let index = keywords.propertyIndex[name] {
            matched = true
            if !program.evaluate(
                keywords.properties[index].schema, value, &sink, instanceToken: .member(name),
                schemaToken: "properties", schemaSubtoken: name)
            {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        }
        for (pattern, schema) in keywords.patternProperties where pattern.matches(name) {
            matched = true
            if !program.evaluate(
                schema, value, &sink, instanceToken: .member(name), schemaToken: "patternProperties",
                schemaSubtoken: pattern.source)
            {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        }
        if !matched, let additional = keywords.additionalProperties {
            if program.nodes[additional].keywords.isFalse {
                valid = false
                let v = violation(
                    "additionalProperties", ["additionalProperties"], value, .member,
                    "is not allowed (additionalProperties)", member: .member(name))
                if sink.fail(v) { return false }
            } else if !program.evaluate(
                additional, value, &sink, instanceToken: .member(name), schemaToken: "additionalProperties")
            {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        }
        if let propertyNames = keywords.propertyNames, !program.isValid(propertyNames, .string(name)) {
            valid = false
            let v = violation(
                "propertyNames", ["propertyNames"], .string(name), .memberName, "does not satisfy propertyNames",
                member: .member(name))
            if sink.fail(v) { return false }
        }
        return valid
    }

    // MARK: - Arrays

    private func evaluateArray(
        _ items: [JSONValue], _ instance: JSONValue, in program: SchemaProgram, _ sink: inout ViolationSink
    ) -> Bool {
        var valid = true
        if let min = keywords.minItems, items.count < min {
            valid = false
            let detail = "must have at least \(min) items (minItems)"
            if sink.fail(violation("minItems", ["minItems"], instance, .value, detail)) { return false }
        }
        if let max = keywords.maxItems, items.count > max {
            valid = false
            let detail = "must have at most \(max) items (maxItems)"
            if sink.fail(violation("maxItems", ["maxItems"], instance, .value, detail)) { return false }
        }
        if keywords.uniqueItems, items.count > 1, let (first, second) = SchemaNode.firstDuplicate(items) {
            valid = false
            let detail = "must not contain equal items; items \(first) and \(second) are equal (uniqueItems)"
            if sink.fail(violation("uniqueItems", ["uniqueItems"], instance, .value, detail)) { return false }
        }
        for (index, schema) in keywords.prefixItems.enumerated() where index < items.count {
            if !program.evaluate(
                schema, items[index], &sink, instanceToken: .item(index), schemaToken: "prefixItems",
                schemaSubtoken: String(index))
            {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        }
        if let itemSchema = keywords.items, items.count > keywords.prefixItems.count {
            let forbidden = program.nodes[itemSchema].keywords.isFalse
            for index in keywords.prefixItems.count..<items.count {
                if forbidden {
                    valid = false
                    let detail = "is not allowed; the array may have at most \(keywords.prefixItems.count) items (items)"
                    let v = violation("items", ["items"], items[index], .value, detail, member: .item(index))
                    if sink.fail(v) { return false }
                } else if !program.evaluate(
                    itemSchema, items[index], &sink, instanceToken: .item(index), schemaToken: "items")
                {
                    valid = false
                    if sink.mode.stopsAtFirst { return false }
                }
            }
        }
        if let contains = keywords.contains {
            let needed = keywords.minContains ?? 1
            var matches = 0
            for item in items where program.isValid(contains, item) {
                matches += 1
                if keywords.maxContains == nil && matches >= needed { break }
            }
            if matches < needed {
                valid = false
                let v: PendingViolation
                if let min = keywords.minContains {
                    let detail = "must contain at least \(min) items matching contains, but has \(matches) (minContains)"
                    v = violation("minContains", ["minContains"], instance, .value, detail)
                } else {
                    v = violation("contains", ["contains"], instance, .value, "must contain an item matching contains (contains)")
                }
                if sink.fail(v) { return false }
            }
            if let max = keywords.maxContains, matches > max {
                valid = false
                let detail = "must contain at most \(max) items matching contains, but has \(matches) (maxContains)"
                if sink.fail(violation("maxContains", ["maxContains"], instance, .value, detail)) { return false }
            }
        }
        return valid
    }

    /// The indices of the first pair of equal items (by JSON Schema equality), if any.
    static func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        var seen: [JSONValue: Int] = [:]
        seen.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let earlier = seen.updateValue(index, forKey: item) { return (earlier, index) }
        }
        return nil
    }

    // MARK: - Applicators

    private func evaluateApplicators(_ instance: JSONValue, in program: SchemaProgram, _ sink: inout ViolationSink) -> Bool {
        var valid = true
        for (index, schema) in keywords.allOf.enumerated() {
            if !program.evaluate(
                schema, instance, &sink, instanceToken: nil, schemaToken: "allOf", schemaSubtoken: String(index))
            {
                valid = false
                if sink.mode.stopsAtFirst { return false }
            }
        }
        if !keywords.anyOf.isEmpty, !keywords.anyOf.contains(where: { program.isValid($0, instance) }) {
            valid = false
            let detail = "does not match any of the \(keywords.anyOf.count) alternatives (anyOf)"
            if sink.fail(violation("anyOf", ["anyOf"], instance, .value, detail)) { return false }
        }
        if !keywords.oneOf.isEmpty {
            var matches = 0
            for schema in keywords.oneOf where program.isValid(schema, instance) {
                matches += 1
                if matches > 1 { break }
            }
            if matches != 1 {
                valid = false
                let detail =
                    matches == 0
                    ? "does not match any of the \(keywords.oneOf.count) alternatives (oneOf)"
                    : "matches more than one of the \(keywords.oneOf.count) alternatives; exactly one is allowed (oneOf)"
                if sink.fail(violation("oneOf", ["oneOf"], instance, .value, detail)) { return false }
            }
        }
        if let not = keywords.not, program.isValid(not, instance) {
            valid = false
            if sink.fail(violation("not", ["not"], instance, .value, "must not match the schema under not (not)")) {
                return false
            }
        }
        if let condition = keywords.ifSchema {
            if program.isValid(condition, instance) {
                if let then = keywords.thenSchema,
                    !program.evaluate(then, instance, &sink, instanceToken: nil, schemaToken: "then")
                {
                    valid = false
                }
            } else if let otherwise = keywords.elseSchema,
                !program.evaluate(otherwise, instance, &sink, instanceToken: nil, schemaToken: "else")
            {
                valid = false
            }
        }
        return valid
    }

    // MARK: - Reports

    /// A violation of `keyword` at this node. `value` is used only for its kind.
    private func violation(
        _ keyword: String, _ schemaTokens: [String], _ value: JSONValue?, _ subject: PendingViolation.Subject,
        _ detail: String, member: InstancePathComponent? = nil
    ) -> PendingViolation {
        var location = self.location
        for token in schemaTokens {
            location += "/" + SchemaURI.percentEncodedFragment(JSONPointer.escape(token))
        }
        return PendingViolation(
            instancePath: member.map { [$0] } ?? [],
            schemaPath: schemaTokens.reversed(),
            keyword: keyword,
            schemaLocation: location,
            valueKind: value?.kindName ?? "missing",
            subject: subject,
            detail: detail
        )
    }

    /// Schema-side JSON for messages, shortened when long.
    static func preview(_ value: JSONValue) -> String {
        let text = value.canonicalText
        guard text.unicodeScalars.count > 120 else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(117))) + "..."
    }
}
