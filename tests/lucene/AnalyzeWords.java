// Runs the analyzers of an exported settings.json in real Lucene.
//
// Usage: java -cp LUCENE_JARS:. AnalyzeWords SETTINGS.json WORKDIR ANALYZER...
// Reads one text per line on stdin; prints one line per input line: for each
// analyzer, its tokens joined by a space, the analyzers separated by a tab.
//
// Each OpenSearch/Elasticsearch component of settings.analysis is built with
// the Lucene factory that OpenSearch itself uses for it:
//   char filter mapping          -> MappingCharFilterFactory ("mapping"), rules in a file
//   char filter pattern_replace  -> PatternReplaceCharFilterFactory ("patternReplace")
//   tokenizer pattern            -> PatternTokenizerFactory ("pattern")
//   filter lowercase             -> LowerCaseFilterFactory ("lowercase")
//   filter pattern_replace       -> PatternReplaceFilterFactory ("patternReplace")
//   filter stop                  -> StopFilterFactory ("stop"), words in a file
//   filter length                -> LengthFilterFactory ("length")
//   filter stemmer_override      -> StemmerOverrideFilterFactory ("stemmerOverride"),
//                                   the rules ("a, b => c") as a dictionary file
//   filter pattern_capture       -> PatternCaptureGroupFilterFactory ("patternCaptureGroup"),
//                                   one pattern
// Any other component stops the program: the export must not use it.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public class AnalyzeWords {

    // -- a small JSON reader (objects, arrays, strings, numbers, booleans, null) --
    static final class Json {
        private final String s;
        private int i;

        Json(String s) { this.s = s; }

        static Object parse(String s) {
            Json p = new Json(s);
            Object v = p.value();
            p.ws();
            if (p.i != s.length()) throw new IllegalArgumentException("trailing data at " + p.i);
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return s.substring(start, i);  // numbers are kept as text
        }

        private Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            i++;
            ws();
            if (s.charAt(i) == '}') { i++; return out; }
            while (true) {
                ws();
                String key = string();
                ws();
                expect(':');
                out.put(key, value());
                ws();
                if (s.charAt(i) == ',') { i++; continue; }
                expect('}');
                return out;
            }
        }

        private List<Object> array() {
            List<Object> out = new ArrayList<>();
            i++;
            ws();
            if (s.charAt(i) == ']') { i++; return out; }
            while (true) {
                out.add(value());
                ws();
                if (s.charAt(i) == ',') { i++; continue; }
                expect(']');
                return out;
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i);
            i++;
        }
    }

    // -- OpenSearch component -> Lucene factory --------------------------------
    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> analysis, String name) {
        Object v = analysis.get(name);
        return v == null ? new LinkedHashMap<>() : (Map<String, Object>) v;
    }

    static String str(Map<String, Object> spec, String key, String dflt) {
        Object v = spec.get(key);
        return v == null ? dflt : v.toString();
    }

    static String quoteForMappingFile(String side) {
        // The OpenSearch rule side keeps its \\uXXXX escapes, which Lucene's
        // mapping file format reads the same way; only a bare quote needs one.
        return "\"" + side.replace("\"", "\\\"") + "\"";
    }

    /** The two sides of a rule "a => b", trimmed. */
    static String[] sides(Object rule, String kind) {
        String r = rule.toString();
        int arrow = r.indexOf("=>");
        if (arrow < 0) throw new IllegalArgumentException("bad " + kind + " rule " + r);
        return new String[] {r.substring(0, arrow).trim(), r.substring(arrow + 2).trim()};
    }

    @SuppressWarnings("unchecked")
    static void addCharFilter(CustomAnalyzer.Builder b, String name, Map<String, Object> spec,
                              Path work) throws IOException {
        String type = str(spec, "type", "");
        switch (type) {
            case "mapping": {
                List<String> lines = new ArrayList<>();
                for (Object rule : (List<Object>) spec.get("mappings")) {
                    String[] sides = sides(rule, "mapping");
                    lines.add(quoteForMappingFile(sides[0]) + " => " + quoteForMappingFile(sides[1]));
                }
                String file = "charfilter-" + name + ".txt";
                Files.write(work.resolve(file), lines, StandardCharsets.UTF_8);
                b.addCharFilter("mapping", "mapping", file);
                break;
            }
            case "pattern_replace":
                b.addCharFilter("patternReplace", "pattern", str(spec, "pattern", ""),
                                "replacement", str(spec, "replacement", ""));
                break;
            default:
                throw new IllegalArgumentException("char filter " + name + ": type " + type + " not mapped");
        }
    }

    static void setTokenizer(CustomAnalyzer.Builder b, String name, Map<String, Object> spec)
            throws IOException {
        String type = spec == null ? name : str(spec, "type", "");
        switch (type) {
            case "pattern":
                b.withTokenizer("pattern", "pattern", str(spec, "pattern", "\\W+"),
                                "group", str(spec, "group", "-1"));
                break;
            case "whitespace":
                b.withTokenizer("whitespace");
                break;
            case "standard":
                b.withTokenizer("standard");
                break;
            default:
                throw new IllegalArgumentException("tokenizer " + name + ": type " + type + " not mapped");
        }
    }

    @SuppressWarnings("unchecked")
    static void addFilter(CustomAnalyzer.Builder b, String name, Map<String, Object> spec,
                          Path work) throws IOException {
        String type = spec == null ? name : str(spec, "type", "");
        switch (type) {
            case "lowercase":
                b.addTokenFilter("lowercase");
                break;
            case "pattern_replace":
                b.addTokenFilter("patternReplace", "pattern", str(spec, "pattern", ""),
                                 "replacement", str(spec, "replacement", ""),
                                 "replace", Boolean.parseBoolean(str(spec, "all", "true")) ? "all" : "first");
                break;
            case "stop": {
                List<String> words = new ArrayList<>();
                for (Object w : (List<Object>) spec.get("stopwords")) words.add(w.toString());
                String file = "stop-" + name + ".txt";
                Files.write(work.resolve(file), words, StandardCharsets.UTF_8);
                b.addTokenFilter("stop", "words", file,
                                 "ignoreCase", str(spec, "ignore_case", "false"));
                break;
            }
            case "pattern_capture": {
                List<Object> patterns = (List<Object>) spec.get("patterns");
                if (patterns == null || patterns.size() != 1) {
                    throw new IllegalArgumentException("filter " + name + ": one pattern only");
                }
                b.addTokenFilter("patternCaptureGroup", "pattern", patterns.get(0).toString(),
                                 "preserve_original", str(spec, "preserve_original", "true"));
                break;
            }
            case "stemmer_override": {
                List<String> lines = new ArrayList<>();
                for (Object rule : (List<Object>) spec.get("rules")) {
                    String[] sides = sides(rule, "stemmer_override");
                    for (String key : sides[0].split(",")) lines.add(key.trim() + "\t" + sides[1]);
                }
                String file = "override-" + name + ".txt";
                Files.write(work.resolve(file), lines, StandardCharsets.UTF_8);
                b.addTokenFilter("stemmerOverride", "dictionary", file, "ignoreCase", "false");
                break;
            }
            case "length":
                b.addTokenFilter("length", "min", str(spec, "min", "0"),
                                 "max", str(spec, "max", Integer.toString(Integer.MAX_VALUE)));
                break;
            default:
                throw new IllegalArgumentException("filter " + name + ": type " + type + " not mapped");
        }
    }

    @SuppressWarnings("unchecked")
    static Analyzer build(Map<String, Object> analysis, String analyzerName, Path work)
            throws IOException {
        Map<String, Object> spec = (Map<String, Object>) section(analysis, "analyzer").get(analyzerName);
        if (spec == null) throw new IllegalArgumentException("no analyzer " + analyzerName);
        CustomAnalyzer.Builder b = CustomAnalyzer.builder(work);
        Map<String, Object> charFilters = section(analysis, "char_filter");
        for (Object n : (List<Object>) spec.getOrDefault("char_filter", new ArrayList<>())) {
            addCharFilter(b, n.toString(), (Map<String, Object>) charFilters.get(n.toString()), work);
        }
        String tok = spec.get("tokenizer").toString();
        setTokenizer(b, tok, (Map<String, Object>) section(analysis, "tokenizer").get(tok));
        Map<String, Object> filters = section(analysis, "filter");
        for (Object n : (List<Object>) spec.getOrDefault("filter", new ArrayList<>())) {
            addFilter(b, n.toString(), (Map<String, Object>) filters.get(n.toString()), work);
        }
        return b.build();
    }

    static String tokens(Analyzer a, String text) throws IOException {
        StringBuilder out = new StringBuilder();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (out.length() > 0) out.append(' ');
                out.append(term);
            }
            ts.end();
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        String json = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        Map<String, Object> body = (Map<String, Object>) Json.parse(json);
        Map<String, Object> settings = (Map<String, Object>) body.getOrDefault("settings", body);
        Map<String, Object> analysis = (Map<String, Object>) settings.get("analysis");
        Path work = Paths.get(args[1]);
        List<Analyzer> analyzers = new ArrayList<>();
        for (int k = 2; k < args.length; k++) analyzers.add(build(analysis, args[k], work));

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < analyzers.size(); k++) {
                if (k > 0) row.append('\t');
                row.append(tokens(analyzers.get(k), line));
            }
            out.println(row);
        }
        out.flush();
    }
}
