// The codec runtime without generated code: the writer (numbers and strings checked against
// JavaScript's JSON.stringify in node), the format validators (data-file vectors), lengths,
// patterns, the error category.
#include <sockspec/codec/codec.hpp>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <bit>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace {

namespace codec = sockspec::codec;

std::string write_number(double d) {
    std::string s;
    codec::writer(s).number(d);
    return s;
}

std::string write_string(std::string_view v) {
    std::string s;
    codec::writer(s).string(v);
    return s;
}

// Runs `node script input` and returns its standard output lines.
std::vector<std::string> run_node(std::string const& script, std::string const& input) {
    auto const dir =
        std::filesystem::temp_directory_path() / ("sockspec_codec_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "script.js") << script;
    std::ofstream(dir / "input.txt") << input;
    std::string const cmd = std::string(SOCKSPEC_NODE) + " " + (dir / "script.js").string() + " " +
                            (dir / "input.txt").string();
    std::vector<std::string> lines;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        std::string out;
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        ::pclose(p);
        std::istringstream is(out);
        for (std::string line; std::getline(is, line);) lines.push_back(line);
    }
    std::filesystem::remove_all(dir);
    return lines;
}

bool have_node() {
    return std::string_view(SOCKSPEC_NODE).find("NOTFOUND") == std::string_view::npos &&
           *SOCKSPEC_NODE;
}

// ---- numbers ----

std::vector<double> number_cases() {
    std::vector<double> v{0.0,
                          -0.0,
                          1,
                          -1,
                          40.73061,
                          -73.935242,
                          0.1,
                          0.2,
                          0.30000000000000004,
                          1e21,
                          1e-7,
                          1e-6,
                          0.000001,
                          1.5e-7,
                          123456789012345680000.0,
                          1e20,
                          9007199254740991,
                          9007199254740992,
                          9007199254740993.0,
                          -9007199254740991,
                          4294967296,
                          1.7976931348623157e308,
                          5e-324,
                          2.2250738585072014e-308,
                          123e-20,
                          1e100,
                          3.14159,
                          100,
                          1e15,
                          1e16,
                          1e17,
                          12345.678,
                          0.5,
                          2.5e-6,
                          999999999999999900000.0,
                          1e22,
                          -1e-7,
                          6.02214076e23,
                          1.0000000000000002};
    std::mt19937_64 rng(20260112);
    for (int i = 0; i < 3000; ++i) {
        double d = std::bit_cast<double>(rng());
        if (std::isfinite(d)) v.push_back(d);
    }
    std::uniform_real_distribution<double> coord(-180, 180);
    for (int i = 0; i < 2000; ++i) v.push_back(std::round(coord(rng) * 1e6) / 1e6);
    std::uniform_int_distribution<int> exp10(-30, 30);
    for (int i = 0; i < 2000; ++i) v.push_back(coord(rng) * std::pow(10.0, exp10(rng)));
    // Short decimals of every length and magnitude (the writer's fixed-notation fast path),
    // and their neighbours one ulp away (which need more digits).
    std::uniform_int_distribution<int> frac_digits(1, 17), mag(-7, 14);
    for (int i = 0; i < 3000; ++i) {
        double const scale = std::pow(10.0, frac_digits(rng));
        double const d = std::round(coord(rng) * std::pow(10.0, mag(rng)) * scale) / scale;
        v.push_back(d);
        if (i % 3 == 0) v.push_back(std::nextafter(d, 1e300));
        if (i % 3 == 1) v.push_back(std::nextafter(d, -1e300));
    }
    return v;
}

TEST(writer, numbers_match_json_stringify) {
    if (!have_node()) GTEST_SKIP() << "node not found";
    auto const cases = number_cases();
    std::string input;
    for (double d : cases) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%016llx\n",
                      static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(d)));
        input += buf;
    }
    auto const lines = run_node(R"(
const lines = require('fs').readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const dv = new DataView(new ArrayBuffer(8));
for (const h of lines) { dv.setBigUint64(0, BigInt('0x' + h)); console.log(JSON.stringify(dv.getFloat64(0))); }
)",
                                input);
    ASSERT_EQ(lines.size(), cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i)
        EXPECT_EQ(write_number(cases[i]), lines[i]) << "bits of case " << i;
}

TEST(writer, numbers_known_forms) {
    EXPECT_EQ(write_number(40.73061), "40.73061");
    EXPECT_EQ(write_number(-73.935242), "-73.935242");
    EXPECT_EQ(write_number(1e21), "1e+21");
    EXPECT_EQ(write_number(1e-7), "1e-7");
    EXPECT_EQ(write_number(0.000001), "0.000001");
    EXPECT_EQ(write_number(123456789012345680000.0), "123456789012345680000");
    EXPECT_EQ(write_number(-0.0), "0");
    EXPECT_EQ(write_number(1.5e300), "1.5e+300");
    EXPECT_EQ(write_number(std::nan("")), "null");
    EXPECT_EQ(write_number(-INFINITY), "null");
}

TEST(writer, integers) {
    std::string s;
    codec::writer w(s);
    w.integer(INT64_MIN);
    w.raw(',');
    w.uinteger(UINT64_MAX);
    EXPECT_EQ(w.str(), "-9223372036854775808,18446744073709551615");
    w.raw(",1");
    w.flush();
    EXPECT_EQ(s, "-9223372036854775808,18446744073709551615,1");
}

// ---- strings ----

// UTF-16 code units to UTF-8 (lone surrogates as their 3-byte form, as a C++ string holds them).
std::string to_utf8(std::vector<std::uint16_t> const& u) {
    std::string s;
    auto put = [&](std::uint32_t cp) {
        if (cp < 0x80)
            s += char(cp);
        else if (cp < 0x800)
            s += char(0xC0 | cp >> 6), s += char(0x80 | (cp & 63));
        else if (cp < 0x10000)
            s += char(0xE0 | cp >> 12), s += char(0x80 | (cp >> 6 & 63)),
                s += char(0x80 | (cp & 63));
        else
            s += char(0xF0 | cp >> 18), s += char(0x80 | (cp >> 12 & 63)),
                s += char(0x80 | (cp >> 6 & 63)), s += char(0x80 | (cp & 63));
    };
    for (std::size_t i = 0; i < u.size(); ++i) {
        if (u[i] >= 0xD800 && u[i] < 0xDC00 && i + 1 < u.size() && u[i + 1] >= 0xDC00 &&
            u[i + 1] < 0xE000) {
            put(0x10000 + ((u[i] - 0xD800u) << 10) + (u[i + 1] - 0xDC00u));
            ++i;
        } else
            put(u[i]);
    }
    return s;
}

TEST(writer, strings_match_json_stringify) {
    if (!have_node()) GTEST_SKIP() << "node not found";
    std::vector<std::vector<std::uint16_t>> cases;
    for (std::uint16_t c = 0; c < 0x80; ++c) cases.push_back({'a', c, 'b'});
    cases.push_back({0x7F, 0x80, 0xE9, 0x2028, 0x2029, 0xFEFF, 0xFFFF});
    cases.push_back({0xD83D, 0xDE00});    // a pair: U+1F600
    cases.push_back({0xD800});            // lone high surrogate
    cases.push_back({'x', 0xDFFF, 'y'});  // lone low surrogate
    cases.push_back({0xDC00, 0xD800});    // reversed pair: two lone surrogates
    cases.push_back({0xD800, 'a', 0xDBFF});
    cases.push_back({});
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> len(0, 12), unit(0, 0xFFFF), small(0, 0x7F);
    for (int i = 0; i < 500; ++i) {
        std::vector<std::uint16_t> u(len(rng));
        for (auto& c : u) c = static_cast<std::uint16_t>(i % 2 ? unit(rng) : small(rng));
        cases.push_back(u);
    }
    // Longer strings (the writer checks and copies 4, 8 and 16 bytes at a time, the last block
    // overlapping): clean ones, and ones with one character to escape at any position.
    std::uniform_int_distribution<int> long_len(1, 70), printable(0x20, 0x7E);
    for (int i = 0; i < 600; ++i) {
        std::vector<std::uint16_t> u(long_len(rng));
        for (auto& c : u) c = static_cast<std::uint16_t>(printable(rng));
        for (auto& c : u)
            if (c == '"' || c == '\\') c = 'q';
        if (i % 3) {
            static constexpr std::uint16_t special[] = {'"',  '\\',   0x01,  0x1F,
                                                        '\n', 0xD800, 0xDFFF};
            u[std::uniform_int_distribution<std::size_t>(0, u.size() - 1)(rng)] =
                special[static_cast<std::size_t>(i) % std::size(special)];
        }
        cases.push_back(u);
    }
    std::string input;
    for (auto const& u : cases) {
        for (auto c : u) input += std::to_string(c) + " ";
        input += "\n";
    }
    auto const lines = run_node(R"(
const lines = require('fs').readFileSync(process.argv[2], 'utf8').split('\n');
lines.pop();
for (const l of lines) {
  const units = l.split(' ').filter(Boolean).map(Number);
  // Output as code-unit escapes of the JSON text so surrogates survive stdout.
  const j = JSON.stringify(String.fromCharCode(...units));
  console.log(Buffer.from(j, 'utf8').toString('hex'));
}
)",
                                input);
    ASSERT_EQ(lines.size(), cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        std::string const mine = write_string(to_utf8(cases[i]));
        std::string hex;
        for (unsigned char c : mine) {
            char b[3];
            std::snprintf(b, sizeof b, "%02x", c);
            hex += b;
        }
        EXPECT_EQ(hex, lines[i]) << "case " << i << ": " << mine;
    }
}

TEST(writer, long_strings_without_node) {
    for (std::size_t n = 0; n <= 70; ++n) {
        std::string const clean(n, 'x');
        EXPECT_EQ(write_string(clean), '"' + clean + '"') << n;
        for (std::size_t at = 0; at < n; ++at) {
            std::string v = clean;
            v[at] = '"';
            std::string want = "\"" + clean.substr(0, at) + "\\\"" + clean.substr(at + 1) + "\"";
            EXPECT_EQ(write_string(v), want) << n << " " << at;
        }
    }
}

TEST(writer, string_escapes) {
    EXPECT_EQ(write_string("a\"b\\c"), R"("a\"b\\c")");
    EXPECT_EQ(write_string("\b\f\n\r\t"), R"("\b\f\n\r\t")");
    EXPECT_EQ(write_string(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
    EXPECT_EQ(write_string("\xed\xa0\x80"), R"("\ud800")");
    EXPECT_EQ(write_string("caf\xc3\xa9 \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
    EXPECT_EQ(write_string("\xed\x9f\xbf"), "\"\xed\x9f\xbf\"");  // U+D7FF is not a surrogate
}

TEST(writer, appends_and_grows) {
    std::string s = "prefix:";
    {
        codec::writer w(s);
        for (int i = 0; i < 1000; ++i) w.string("abcdefghij\n");
        EXPECT_EQ(w.size(), 7u + 1000 * 14);
    }
    EXPECT_EQ(s.size(), 7u + 1000 * 14);
    EXPECT_EQ(s.substr(0, 21), "prefix:\"abcdefghij\\n\"");
}

TEST(writer, objects) {
    std::string s;
    codec::writer w(s);
    auto m = w.open_object();
    w.close_object(m);
    m = w.open_object();
    w.raw(",\"a\":1");
    w.raw(",\"b\":2");
    w.close_object(m);
    EXPECT_EQ(w.str(), R"({}{"a":1,"b":2})");
}

TEST(writer, json_value_like_json_stringify) {
    auto const v = boost::json::parse(
        R"({"a":[1,-0.0,40.730610,1E21,"x\u0001",true,null,{}],"b":{"c":18446744073709551615}})");
    EXPECT_EQ(
        codec::encode(v),
        R"({"a":[1,0,40.73061,1e+21,"x\u0001",true,null,{}],"b":{"c":18446744073709551615}})");
}

// ---- formats: tests/codec/vectors/formats.txt, lines `accept|reject <format> <value>` ----

TEST(formats, vectors) {
    std::ifstream in(std::string(SOCKSPEC_CODEC_VECTORS) + "/formats.txt");
    ASSERT_TRUE(in);
    std::map<std::string, codec::format> const names{
        {"object-id", codec::format::object_id}, {"date-time", codec::format::date_time},
        {"uuid", codec::format::uuid},           {"uri", codec::format::uri},
        {"email", codec::format::email},         {"color", codec::format::color}};
    std::map<std::string, int> accepted, rejected;
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        auto const a = line.find(' '), b = line.find(' ', a + 1);
        ASSERT_NE(b, std::string::npos) << "line " << line_no;
        std::string const verdict = line.substr(0, a), fmt = line.substr(a + 1, b - a - 1),
                          value = line.substr(b + 1);
        ASSERT_TRUE(names.count(fmt)) << "line " << line_no << ": unknown format " << fmt;
        ASSERT_TRUE(verdict == "accept" || verdict == "reject") << "line " << line_no;
        bool const want = verdict == "accept";
        EXPECT_EQ(codec::matches_format(names.at(fmt), value), want)
            << "line " << line_no << ": " << line;
        (want ? accepted : rejected)[fmt]++;
    }
    for (auto const& [n, f] : names) {
        EXPECT_GE(accepted[n], 2) << n;
        EXPECT_GE(rejected[n], 3) << n;
    }
}

TEST(formats, utf16_length_counts_like_javascript) {
    EXPECT_EQ(codec::utf16_length(""), 0u);
    EXPECT_EQ(codec::utf16_length("abc"), 3u);
    EXPECT_EQ(codec::utf16_length("caf\xc3\xa9"), 4u);        // é: one unit
    EXPECT_EQ(codec::utf16_length("\xe2\x82\xac"), 1u);       // €: one unit
    EXPECT_EQ(codec::utf16_length("\xf0\x9f\x98\x80!"), 3u);  // 😀: a surrogate pair
}

TEST(formats, pattern_matches_whole_string) {
    codec::pattern const p("[a-z]+-[0-9]{2}");
    EXPECT_TRUE(p.matches("ab-12"));
    EXPECT_FALSE(p.matches("ab-123"));
    EXPECT_FALSE(p.matches("xab-12 "));
    codec::pattern const broken("(unclosed");
    EXPECT_FALSE(broken.matches("(unclosed"));
}

// ---- object keys (matched a word at a time against the raw input) ----

TEST(read_fields, keys_match_exactly_at_word_boundaries) {
    // Names of 1, 7, 8, 15, 16, 23 and 24 bytes (the prepared keys hold 24 bytes with the
    // quote; longer names are compared bytewise) and one of 30.
    static constexpr std::string_view names[] = {"a",
                                                 "abcdefg",
                                                 "abcdefgh",
                                                 "abcdefghijklmno",
                                                 "abcdefghijklmnop",
                                                 "abcdefghijklmnopqrstuvw",
                                                 "abcdefghijklmnopqrstuvwx",
                                                 "abcdefghijklmnopqrstuvwxyz0123"};
    static constexpr codec::field_table<std::size(names)> fields{names};
    auto seen_keys = [&](std::string const& json) {
        std::string text = json;
        text.reserve(text.size() + codec::padding);
        std::vector<std::size_t> seen;
        codec::decode_error err;
        bool const ok = codec::detail::with_root(
            simdjson::padded_string_view(text), err, [&](codec::od::value& root) {
                // Values left unread are skipped by simdjson.
                return codec::read_fields(root, fields, err, [&](std::size_t i, auto&) {
                    seen.push_back(i);
                    return true;
                });
            });
        EXPECT_TRUE(ok) << err.what();
        // The DOM path agrees.
        std::vector<std::size_t> dom;
        auto const jv = boost::json::parse(json);
        EXPECT_TRUE(codec::read_fields(jv, fields, err, [&](std::size_t i, auto const&) {
            dom.push_back(i);
            return true;
        }));
        EXPECT_EQ(seen, dom) << json;
        return seen;
    };
    std::string all = "{";
    for (std::size_t i = 0; i < std::size(names); ++i)
        all += (i ? ",\"" : "\"") + std::string(names[i]) + "\":" + std::to_string(i);
    all += "}";
    EXPECT_EQ(seen_keys(all), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    // One byte more or less, or a different last byte: unknown keys.
    std::string near = "{";
    for (auto n : names) {
        std::string const k(n);
        near += "\"" + k + "z\":0,\"" + k.substr(0, k.size() - 1) + "\":0,\"" +
                k.substr(0, k.size() - 1) + "Z\":0,";
    }
    near += "\"\":0}";
    // Only the shortened names that are other names: "abcdefgh" minus 'h', and so on.
    EXPECT_EQ(seen_keys(near), (std::vector<std::size_t>{1, 3, 5}));
    // Escaped keys are unescaped first; out of order keys are found.
    EXPECT_EQ(seen_keys(R"({"abcdefghijklmnopqrstuvwx":1,"\u0061":2,"abcdefg\u0068":3})"),
              (std::vector<std::size_t>{6, 0, 2}));
}

// ---- errors ----

TEST(errors, category_and_paths) {
    boost::system::error_code ec = codec::error::bad_format;
    EXPECT_STREQ(ec.category().name(), "sockspec.codec");
    EXPECT_EQ(ec.message(), "string does not match its format");
    codec::decode_error e;
    EXPECT_FALSE(e.fail(codec::error::wrong_type, "expected number"));
    e.in_index(1);
    e.in_field("coordinates");
    e.in_field("location");
    e.in_index(0);
    EXPECT_EQ(e.path, "[0].location.coordinates[1]");
    EXPECT_EQ(e.what(), "[0].location.coordinates[1]: expected number");
}

// ---- builtin codecs without generated code ----

TEST(builtins, containers_round_trip_both_paths) {
    using T =
        std::tuple<std::vector<std::int32_t>, std::map<std::string, double>, std::optional<bool>,
                   sockspec::nullable<std::string>, sockspec::literal<"x">, boost::json::value>;
    std::string const text = R"([[1,2,3],{"a":0.5,"b":-2},true,null,"x",{"k":[null]}])";
    T a{}, b{};
    codec::decode_error err;
    ASSERT_TRUE(codec::decode(text, a, err)) << err.what();
    ASSERT_TRUE(codec::decode(boost::json::parse(text), b, err)) << err.what();
    EXPECT_EQ(a, b);
    EXPECT_EQ(codec::encode(a), text);
    EXPECT_EQ(codec::encode(codec::to_value(b)), text);
}

TEST(builtins, scalar_documents) {
    codec::decode_error err;
    std::string s;
    ASSERT_TRUE(codec::decode(R"( "h\u00e9" )", s, err)) << err.what();
    EXPECT_EQ(s, "h\xc3\xa9");
    double d = 0;
    ASSERT_TRUE(codec::decode("1e21", d, err));
    EXPECT_EQ(d, 1e21);
    EXPECT_FALSE(codec::decode("1 2", d, err));
    EXPECT_EQ(err.code, codec::error::syntax);
    EXPECT_FALSE(codec::decode("", d, err));
    EXPECT_EQ(err.code, codec::error::syntax);
}

TEST(builtins, padded_input_is_used_in_place) {
    std::string json = R"({"a":1})";
    json.reserve(json.size() + codec::padding);
    std::map<std::string, int> m;
    codec::decode_error err;
    ASSERT_TRUE(codec::decode(simdjson::padded_string_view(json), m, err)) << err.what();
    EXPECT_EQ(m.at("a"), 1);
    // A view into a larger buffer (not NUL-terminated) is copied and padded.
    std::string_view const part = std::string_view(R"([1,2]xyz)").substr(0, 5);
    std::vector<int> v;
    ASSERT_TRUE(codec::decode(part, v, err)) << err.what();
    EXPECT_EQ(v, (std::vector<int>{1, 2}));
}

}  // namespace
