/**
 * GJSON paths over Jackson trees, with the answers of GJSON ({@code github.com/tidwall/gjson}
 * v1.18), which KServe's InferenceGraph router uses to decide a step's {@code condition}: the step
 * is taken when {@code gjson.GetBytes(body, condition).Exists()}. {@link
 * dev.kserve4j.api.gjson.GjsonPath#compile} a path once (malformed paths fail there, with a
 * {@link dev.kserve4j.api.gjson.GjsonSyntaxException} naming the position and what was
 * expected), then call {@code get} or {@code exists} from any thread.
 *
 * <h2>Supported</h2>
 *
 * <ul>
 *   <li>Keys separated by {@code .} ({@code name.last}), array indexes ({@code children.0}),
 *       {@code \} escaping any character ({@code fav\.movie}), and the wildcards {@code *} (any
 *       run of characters) and {@code ?} (one character) in keys: the first key in document order
 *       whose remaining path finds something.
 *   <li>{@code #}: an array's length; {@code #.path}: the path applied to each element, the
 *       values found collected in a new array.
 *   <li>Queries: {@code #(path op value)} selects the first element matching, {@code #(...)#} an
 *       array of all of them (empty when none, and an empty array exists). Operators {@code ==}
 *       (or {@code =}), {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code %} (like)
 *       and {@code !%} (not like) with {@code *} / {@code ?} patterns; values quoted as JSON
 *       strings or bare ({@code decision_picker==ERROR}); {@code ~true}, {@code ~false}, {@code
 *       ~null}, {@code ~*}; a query without an operator ({@code #(nets)}: the path exists), without
 *       a path ({@code #(>5)}: the element itself), nested queries ({@code
 *       friends.#(nets.#(=="fb"))#}) and the older brackets {@code #[...]}. A JSON string compares
 *       as a string with the value, a number numerically with the value read as a number (0 when
 *       it is none), true and false by GJSON's table; null, objects and arrays match no
 *       comparison.
 *   <li>{@code |} and {@code .}: the same, except after {@code #.} or {@code #(...)#}, where
 *       {@code .rest} applies {@code rest} to each element and {@code |rest} to the array built. A
 *       {@code .} before {@code @this}, {@code [} or {@code {} acts as a {@code |}.
 *   <li>The modifier {@code @this}; multipaths {@code [a,b]} (an array of the values found) and
 *       {@code {a,"name":b}} (an object, each value named by its last key, {@code _} when that is
 *       no plain name, or by the name given), so that {@code [@this].#(decision_picker==ERROR)}
 *       tests the whole document; literals {@code !true}, {@code !false}, {@code !null}, {@code
 *       !"text"}, {@code !12}, {@code !{"a":1}}, {@code ![1,2]}.
 *   <li>GJSON's answers at the edges, such as a pipe after an all-matches query with a path
 *       applied only once something matched, or a {@code |} right after {@code .#} staying in
 *       the path applied to each element.
 * </ul>
 *
 * <h2>Refused when compiling</h2>
 *
 * <ul>
 *   <li>The {@code ..} JSON Lines prefix; every modifier other than {@code @this} ({@code
 *       @reverse}, {@code @keys}, ...), unknown modifiers and modifier arguments ({@code
 *       @this:x}); the literals {@code !nan} and {@code !inf}.
 *   <li>What GJSON could only read as garbage: an empty path or key ({@code a..b}, {@code a.},
 *       {@code a|}), unbalanced or mismatched brackets, parentheses and quotes, a query without a
 *       value after its operator ({@code #(age>)}: GJSON would compare with the empty string),
 *       an unknown operator ({@code #(a!b)}) or {@code ~} conversion, text after a query or
 *       multipath, brackets inside a key ({@code a[0]}: GJSON has no such syntax; escape them
 *       to mean the characters), invalid escapes in quoted values, an empty multipath member,
 *       and a {@code |} inside brackets in the path applied to each element (GJSON would cut the
 *       path there).
 *   <li>A key starting with {@code @} must be escaped ({@code \@name}); GJSON reads an unknown
 *       modifier name as a key.
 * </ul>
 *
 * <h2>Known differences</h2>
 *
 * <ul>
 *   <li>Documents are Jackson trees: of duplicate keys Jackson keeps the last, GJSON finds the
 *       first; and a document that is a string selects nothing by a key (GJSON scans the raw text
 *       for a bracket, even inside the string).
 *   <li>Of two multipath members with the same name, the object built keeps the first (GJSON
 *       writes both into its text, where a later lookup finds the first).
 *   <li>{@code #.path} or a query meeting an object instead of an array selects nothing, save
 *       the cases GJSON reads as a key {@code #} then a pipe ({@code #|x}, {@code #.[..]}, {@code
 *       #(...)|x}); GJSON would look for a key spelled like the query text.
 *   <li>{@code %} patterns match without GJSON's complexity cutoff (GJSON gives up, answering
 *       no match, after ten thousand steps per character of the text).
 * </ul>
 */
package dev.kserve4j.api.gjson;
