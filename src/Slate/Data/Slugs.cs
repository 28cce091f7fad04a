using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Slate.Data;

/// <summary>
/// Zou's slugify (python-slugify): accents dropped, lower case, apostrophes removed, every other
/// run of characters outside a-z, 0-9 and "-" turned into one separator. Metadata descriptors
/// store their field name this way ("Environment type" → "environment_type"); asset instance
/// names keep the case (lowercase: false, "Big Tree" → "Big_Tree").
/// </summary>
public static partial class Slugs
{
    [GeneratedRegex("[^-a-zA-Z0-9]+")]
    private static partial Regex Disallowed();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    public static string Of(string text, char separator = '-', bool lowercase = true)
    {
        var ascii = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
            if (c < 128 && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                ascii.Append(c);
        var kept = lowercase ? ascii.ToString().ToLowerInvariant() : ascii.ToString();
        var slug = Disallowed().Replace(kept.Replace("'", ""), "-");
        return Dashes().Replace(slug, "-").Trim('-').Replace('-', separator);
    }
}
