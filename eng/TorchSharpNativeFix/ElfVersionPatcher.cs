// ELF symbol-version patching used by eng/TorchSharpNativeFix/TorchSharpNativeFix.targets (the repository's own
// build) and by the same targets shipped in the GradCheck.TorchSharp package (buildTransitive/).
//
// This one file is both:
//   * the source of the MSBuild inline task `TorchSharpNativeFix` (RoslynCodeTaskFactory, Code Type="Class"),
//     which compiles it against netstandard reference assemblies: use only netstandard2.0 APIs here;
//   * compiled into eng/GradCheck.Build.Tests with ELF_PATCHER_NO_MSBUILD defined, which drops the
//     MSBuild task wrapper so the pure ELF logic can be unit tested.
//
// What it does: TorchSharp 0.107's libLibTorchSharp.so requires GLIBCXX_3.4.32 (GCC 13's libstdc++) for one
// symbol nobody calls (_ZSt21ios_base_library_initv). Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the
// dynamic loader refuses the library. Setting VER_FLG_WEAK (0x2) in the vna_flags of that Elf64_Vernaux
// entry (SHT_GNU_verneed section) turns the hard requirement into a weak one, and the library loads.
// See docs/torchsharp-on-debian.md.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

#if !ELF_PATCHER_NO_MSBUILD
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace GradCheck.Build;

/// <summary>One version requirement (Elf64_Vernaux) of a shared library, e.g. GLIBCXX_3.4.32 from libstdc++.so.6.</summary>
public sealed class ElfVersionNeed
{
    public ElfVersionNeed(string file, string version, ushort flags, long flagsOffset)
    {
        File = file;
        Version = version;
        Flags = flags;
        FlagsOffset = flagsOffset;
    }

    /// <summary>The needed library, e.g. <c>libstdc++.so.6</c>.</summary>
    public string File { get; }

    /// <summary>The version name, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
    public string Version { get; }

    /// <summary>The entry's vna_flags.</summary>
    public ushort Flags { get; }

    /// <summary>File offset of the 16-bit vna_flags field.</summary>
    public long FlagsOffset { get; }

    public bool IsWeak => (Flags & ElfVersionPatcher.VerFlagWeak) != 0;

    public override string ToString() => File + ":" + Version + (IsWeak ? " (weak)" : "");
}

/// <summary>The result of <see cref="ElfVersionPatcher.MarkVersionNeedWeak(byte[], string, string)"/>.</summary>
public enum ElfPatchOutcome
{
    /// <summary>The entry was found and VER_FLG_WEAK has been set now.</summary>
    Patched,

    /// <summary>The entry already carries VER_FLG_WEAK: nothing to do.</summary>
    AlreadyWeak,

    /// <summary>The library has no such version requirement: nothing to do.</summary>
    NotRequired,
}

/// <summary>The file was not an ELF image this code can read, or its structures are out of bounds.</summary>
public sealed class ElfFormatException : Exception
{
    public ElfFormatException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Minimal, bounds-checked reader/patcher for the GNU symbol-versioning sections of 64-bit little-endian ELF
/// files. It never writes anything except the 16-bit vna_flags of one Elf64_Vernaux entry.
/// </summary>
public static class ElfVersionPatcher
{
    /// <summary>VER_FLG_WEAK from elf.h.</summary>
    public const ushort VerFlagWeak = 0x2;

    public const uint ShtGnuVerdef = 0x6ffffffd;
    public const uint ShtGnuVerneed = 0x6ffffffe;

    private const int ElfHeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;

    // Largest ELF this code reads into memory; libLibTorchSharp.so is ~10 MB, libstdc++ ~2 MB.
    private const long MaxFileSize = 512L * 1024 * 1024;

    /// <summary>Reads the ELF identification and returns e_machine, or throws <see cref="ElfFormatException"/>.</summary>
    public static ushort ReadMachine(byte[] image)
    {
        ValidateHeader(image);
        return U16(image, 18);
    }

    /// <summary>All Elf64_Vernaux entries of the image's SHT_GNU_verneed section(s).</summary>
    public static IReadOnlyList<ElfVersionNeed> ReadVersionNeeds(byte[] image)
    {
        var result = new List<ElfVersionNeed>();
        var sections = ReadSections(image);
        foreach (var section in sections)
        {
            if (section.Type != ShtGnuVerneed)
            {
                continue;
            }

            var strtab = LinkedStringTable(sections, section);
            long end = section.Offset + section.Size;
            long entry = section.Offset;
            // sh_info holds the number of Elf64_Verneed entries; also bound by size against cycles.
            long maxEntries = Math.Min(section.Info, section.Size / VerneedSize);
            for (long i = 0; i < maxEntries; i++)
            {
                Require(entry, VerneedSize, section.Offset, end, "Elf64_Verneed");
                ushort count = U16(image, entry + 2);
                string file = ReadString(image, strtab, U32(image, entry + 4));
                uint auxOffset = U32(image, entry + 8);
                uint next = U32(image, entry + 12);

                long aux = entry + auxOffset;
                for (int j = 0; j < count; j++)
                {
                    Require(aux, VernauxSize, section.Offset, end, "Elf64_Vernaux");
                    ushort flags = U16(image, aux + 4);
                    string version = ReadString(image, strtab, U32(image, aux + 8));
                    result.Add(new ElfVersionNeed(file, version, flags, aux + 4));
                    uint auxNext = U32(image, aux + 12);
                    if (auxNext == 0)
                    {
                        break;
                    }

                    aux += auxNext;
                }

                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>All version names defined by the image's SHT_GNU_verdef section (e.g. a libstdc++'s GLIBCXX_*).</summary>
    public static IReadOnlyList<string> ReadVersionDefinitions(byte[] image)
    {
        var result = new List<string>();
        var sections = ReadSections(image);
        foreach (var section in sections)
        {
            if (section.Type != ShtGnuVerdef)
            {
                continue;
            }

            var strtab = LinkedStringTable(sections, section);
            long end = section.Offset + section.Size;
            long entry = section.Offset;
            long maxEntries = Math.Min(section.Info, section.Size / VerdefSize);
            for (long i = 0; i < maxEntries; i++)
            {
                Require(entry, VerdefSize, section.Offset, end, "Elf64_Verdef");
                ushort count = U16(image, entry + 6);
                uint auxOffset = U32(image, entry + 12);
                uint next = U32(image, entry + 16);
                if (count > 0)
                {
                    // The first Elf64_Verdaux names the version; later ones name its parents.
                    long aux = entry + auxOffset;
                    Require(aux, VerdauxSize, section.Offset, end, "Elf64_Verdaux");
                    result.Add(ReadString(image, strtab, U32(image, aux)));
                }

                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on the requirement <paramref name="version"/> from <paramref name="neededFile"/>
    /// in the in-memory <paramref name="image"/>. Changes at most two bytes.
    /// </summary>
    public static ElfPatchOutcome MarkVersionNeedWeak(byte[] image, string neededFile, string version)
    {
        ElfPatchOutcome outcome = ElfPatchOutcome.NotRequired;
        foreach (var need in ReadVersionNeeds(image))
        {
            if (need.File != neededFile || need.Version != version)
            {
                continue;
            }

            if (need.IsWeak)
            {
                if (outcome == ElfPatchOutcome.NotRequired)
                {
                    outcome = ElfPatchOutcome.AlreadyWeak;
                }

                continue;
            }

            ushort flags = (ushort)(need.Flags | VerFlagWeak);
            image[need.FlagsOffset] = (byte)(flags & 0xff);
            image[need.FlagsOffset + 1] = (byte)(flags >> 8);
            outcome = ElfPatchOutcome.Patched;
        }

        return outcome;
    }

    /// <summary>
    /// Patches the file at <paramref name="path"/> like <see cref="MarkVersionNeedWeak(byte[], string, string)"/>.
    /// Never modifies the file in place: a patched copy is written next to it, re-read and verified, then renamed
    /// over the original (atomic on the same file system), so a reader sees either the old or the new file.
    /// </summary>
    public static ElfPatchOutcome PatchFile(string path, string neededFile, string version)
    {
        var original = ReadFile(path);
        var outcome = MarkVersionNeedWeak(original, neededFile, version);
        if (outcome != ElfPatchOutcome.Patched)
        {
            return outcome;
        }

        string temp = path + ".gradcheck-" + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            // File.Copy keeps the file mode; the patched bytes then go into the copy.
            File.Copy(path, temp, overwrite: false);
            var image = ReadFile(temp);
            if (MarkVersionNeedWeak(image, neededFile, version) != ElfPatchOutcome.Patched)
            {
                throw new IOException("'" + path + "' changed while it was being patched.");
            }

            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None))
            {
                stream.Write(image, 0, image.Length);
                stream.Flush(flushToDisk: true);
            }

            var check = ReadFile(temp);
            var written = FindNeed(check, neededFile, version);
            if (check.Length != image.Length || written == null || !written.IsWeak)
            {
                throw new IOException("Verification of the patched copy of '" + path + "' failed.");
            }

            // rename(2) on Unix: replaces the original atomically.
            File.Replace(temp, path, destinationBackupFileName: null);
            return ElfPatchOutcome.Patched;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="image"/> needs the patch: it hard-requires <paramref name="version"/> of
    /// <paramref name="neededFile"/> and the system library does not define it. <paramref name="systemVersions"/>
    /// is null when the system library could not be found or read; then the (harmless) patch is applied.
    /// </summary>
    public static bool NeedsPatch(byte[] image, string neededFile, string version, ICollection<string>? systemVersions)
    {
        var need = FindNeed(image, neededFile, version);
        return need != null && !need.IsWeak && (systemVersions == null || !systemVersions.Contains(version));
    }

    /// <summary>The requirement <paramref name="version"/> from <paramref name="neededFile"/>, or null.</summary>
    public static ElfVersionNeed? FindNeed(byte[] image, string neededFile, string version)
    {
        foreach (var need in ReadVersionNeeds(image))
        {
            if (need.File == neededFile && need.Version == version)
            {
                return need;
            }
        }

        return null;
    }

    /// <summary>Reads a whole file, refusing anything implausibly large for a shared library.</summary>
    public static byte[] ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileSize)
        {
            throw new ElfFormatException("'" + path + "' is too large (" + info.Length + " bytes) for an ELF library.");
        }

        return File.ReadAllBytes(path);
    }

    private static void ValidateHeader(byte[] image)
    {
        if (image.Length < ElfHeaderSize)
        {
            throw new ElfFormatException("File is too small for an ELF header.");
        }

        if (image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new ElfFormatException("Not an ELF file (bad magic).");
        }

        if (image[4] != 2)
        {
            throw new ElfFormatException("Not a 64-bit ELF file (EI_CLASS=" + image[4] + ").");
        }

        if (image[5] != 1)
        {
            throw new ElfFormatException("Not a little-endian ELF file (EI_DATA=" + image[5] + ").");
        }

        if (image[6] != 1)
        {
            throw new ElfFormatException("Unknown ELF version (EI_VERSION=" + image[6] + ").");
        }
    }

    private readonly struct Section
    {
        public Section(uint name, uint type, long offset, long size, uint link, uint info)
        {
            Name = name;
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Name { get; }

        public uint Type { get; }

        public long Offset { get; }

        public long Size { get; }

        public uint Link { get; }

        public uint Info { get; }
    }

    private static Section[] ReadSections(byte[] image)
    {
        ValidateHeader(image);
        long shoff = CheckedOffset(U64(image, 40), "e_shoff");
        ushort shentsize = U16(image, 58);
        long shnum = U16(image, 60);
        if (shoff == 0)
        {
            return new Section[0];
        }

        if (shentsize != SectionHeaderSize)
        {
            throw new ElfFormatException("Unexpected e_shentsize " + shentsize + ".");
        }

        if (shnum == 0)
        {
            // Extended numbering: the real count is in section 0's sh_size.
            Require(shoff, SectionHeaderSize, 0, image.Length, "section header 0");
            shnum = CheckedOffset(U64(image, shoff + 32), "extended e_shnum");
        }

        if (shnum > (image.Length - shoff) / SectionHeaderSize)
        {
            throw new ElfFormatException("Section header table runs past the end of the file.");
        }

        var sections = new Section[shnum];
        for (long i = 0; i < shnum; i++)
        {
            long at = shoff + (i * SectionHeaderSize);
            uint type = U32(image, at + 4);
            long offset = CheckedOffset(U64(image, at + 24), "sh_offset");
            long size = CheckedOffset(U64(image, at + 32), "sh_size");
            // SHT_NOBITS (8) and SHT_NULL (0) occupy no file bytes.
            if (type != 8 && type != 0)
            {
                Require(offset, size, 0, image.Length, "section " + i);
            }

            sections[i] = new Section(U32(image, at), type, offset, size, U32(image, at + 40), U32(image, at + 44));
        }

        return sections;
    }

    private static Section LinkedStringTable(Section[] sections, Section section)
    {
        if (section.Link == 0 || section.Link >= sections.Length || sections[section.Link].Type != 3 /* SHT_STRTAB */)
        {
            throw new ElfFormatException("Version section does not link to a string table.");
        }

        return sections[section.Link];
    }

    private static string ReadString(byte[] image, Section strtab, uint offset)
    {
        if (offset >= strtab.Size)
        {
            throw new ElfFormatException("String offset " + offset + " is outside its string table.");
        }

        long start = strtab.Offset + offset;
        long end = strtab.Offset + strtab.Size;
        long zero = start;
        while (zero < end && image[zero] != 0)
        {
            zero++;
        }

        if (zero == end)
        {
            throw new ElfFormatException("Unterminated string in string table.");
        }

        return Encoding.ASCII.GetString(image, (int)start, (int)(zero - start));
    }

    private static void Require(long offset, long length, long lower, long upper, string what)
    {
        if (offset < lower || length < 0 || offset > upper || length > upper - offset)
        {
            throw new ElfFormatException(what + " is out of bounds (offset " + offset + ", length " + length + ").");
        }
    }

    private static long CheckedOffset(ulong value, string what)
    {
        if (value > MaxFileSize)
        {
            throw new ElfFormatException(what + " is out of range (" + value + ").");
        }

        return (long)value;
    }

    private static ushort U16(byte[] b, long at)
    {
        Require(at, 2, 0, b.Length, "field");
        return (ushort)(b[at] | (b[at + 1] << 8));
    }

    private static uint U32(byte[] b, long at)
    {
        Require(at, 4, 0, b.Length, "field");
        return (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
    }

    private static ulong U64(byte[] b, long at)
    {
        return U32(b, at) | ((ulong)U32(b, at + 4) << 32);
    }
}

/// <summary>Finds the libstdc++ the dynamic loader would use and tells which GLIBCXX versions it defines.</summary>
public static class SystemLibraryProbe
{
    private static readonly string[] StandardDirectories =
    {
        "/lib/x86_64-linux-gnu",
        "/usr/lib/x86_64-linux-gnu",
        "/lib/aarch64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/lib64",
        "/usr/lib64",
        "/lib",
        "/usr/lib",
        "/usr/local/lib64",
        "/usr/local/lib",
    };

    /// <summary>
    /// The first <paramref name="soname"/> in LD_LIBRARY_PATH or the standard directories whose ELF class and
    /// machine match <paramref name="machine"/>, or null when there is none.
    /// </summary>
    public static string? Find(string soname, ushort machine)
    {
        var directories = new List<string>();
        string? ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ldPath))
        {
            directories.AddRange(ldPath!.Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries));
        }

        directories.AddRange(StandardDirectories);
        foreach (var directory in directories)
        {
            string candidate = Path.Combine(directory, soname);
            try
            {
                if (File.Exists(candidate) && ElfVersionPatcher.ReadMachine(ElfVersionPatcher.ReadFile(candidate)) == machine)
                {
                    return candidate;
                }
            }
            catch (ElfFormatException)
            {
                // A 32-bit or foreign file with that name: keep looking.
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }
}

#if !ELF_PATCHER_NO_MSBUILD
/// <summary>
/// MSBuild task: for each input libLibTorchSharp.so, marks its GLIBCXX_3.4.32 requirement weak when the system's
/// libstdc++ lacks that version. Does nothing when the system has it (unless Mode is "force"), and nothing for
/// files already patched. It is given only copies in a build output or publish directory, never the NuGet cache.
/// Never fails the build for a file it cannot write: it warns (GCTS003) and reports it in Unpatched.
/// </summary>
public sealed class TorchSharpNativeFix : Task
{
    /// <summary>The libLibTorchSharp.so files to check and patch.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = new ITaskItem[0];

    /// <summary>The version requirement to weaken.</summary>
    public string Version { get; set; } = "GLIBCXX_3.4.32";

    /// <summary>The library that defines <see cref="Version"/>.</summary>
    public string Library { get; set; } = "libstdc++.so.6";

    /// <summary>"auto" (patch only when the system libstdc++ lacks the version) or "force".</summary>
    public string Mode { get; set; } = "auto";

    /// <summary>The system library to check against; empty: the one found by <see cref="SystemLibraryProbe"/>.</summary>
    public string SystemLibrary { get; set; } = "";

    /// <summary>A word naming where the files are, for messages ("build output", "publish directory").</summary>
    public string Location { get; set; } = "";

    /// <summary>Files that still need the patch but could not be written.</summary>
    [Output]
    public ITaskItem[] Unpatched { get; set; } = new ITaskItem[0];

    public override bool Execute()
    {
        var unpatched = new List<ITaskItem>();
        var systemVersions = new Dictionary<ushort, HashSet<string>?>();
        foreach (var item in Files)
        {
            string path = item.GetMetadata("FullPath");
            if (!File.Exists(path))
            {
                Log.LogMessage(MessageImportance.Low, "TorchSharpNativeFix: '{0}' does not exist; skipped.", path);
                continue;
            }

            try
            {
                var image = ElfVersionPatcher.ReadFile(path);
                ushort machine = ElfVersionPatcher.ReadMachine(image);
                var need = ElfVersionPatcher.FindNeed(image, Library, Version);
                if (need == null)
                {
                    Log.LogMessage(MessageImportance.Low, "TorchSharpNativeFix: '{0}' does not require {1}; nothing to do.", path, Version);
                    continue;
                }

                if (need.IsWeak)
                {
                    Log.LogMessage(MessageImportance.Low, "TorchSharpNativeFix: '{0}' is already patched.", path);
                    continue;
                }

                if (!systemVersions.TryGetValue(machine, out var defined))
                {
                    defined = ProbeSystem(machine);
                    systemVersions[machine] = defined;
                }

                bool force = string.Equals(Mode, "force", StringComparison.OrdinalIgnoreCase);
                if (!force && !ElfVersionPatcher.NeedsPatch(image, Library, Version, defined))
                {
                    Log.LogMessage(MessageImportance.Low, "TorchSharpNativeFix: the system {0} provides {1}; '{2}' left unchanged.", Library, Version, path);
                    continue;
                }

                WarnAboutOtherMissingVersions(image, defined, path);

                try
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var outcome = ElfVersionPatcher.PatchFile(path, Library, Version);
                    Log.LogMessage(
                        MessageImportance.High,
                        "TorchSharpNativeFix: marked the {0} requirement of {1} weak{2} ({3}; {4}, {5} ms): {6}",
                        Version,
                        Path.GetFileName(path),
                        Location.Length > 0 ? " in the " + Location : "",
                        defined == null ? "no " + Library + " found to check against" : "the system " + Library + " lacks " + Version,
                        outcome,
                        watch.ElapsedMilliseconds,
                        path);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Log.LogWarning(null, "GCTS003", null, path, 0, 0, 0, 0, "TorchSharpNativeFix: could not patch '{0}' ({1}); TorchSharp will not load from it on this system.", path, ex.Message);
                    unpatched.Add(item);
                }
            }
            catch (ElfFormatException ex)
            {
                Log.LogWarning(null, "GCTS001", null, path, 0, 0, 0, 0, "TorchSharpNativeFix: '{0}' was not patched: {1}", path, ex.Message);
            }
        }

        Unpatched = unpatched.ToArray();
        return !Log.HasLoggedErrors;
    }

    private HashSet<string>? ProbeSystem(ushort machine)
    {
        string? library = SystemLibrary.Length > 0 ? SystemLibrary : SystemLibraryProbe.Find(Library, machine);
        if (library == null)
        {
            Log.LogMessage(MessageImportance.Normal, "TorchSharpNativeFix: no {0} found for ELF machine {1}.", Library, machine);
            return null;
        }

        try
        {
            var defined = new HashSet<string>(ElfVersionPatcher.ReadVersionDefinitions(ElfVersionPatcher.ReadFile(library)), StringComparer.Ordinal);
            Log.LogMessage(MessageImportance.Low, "TorchSharpNativeFix: {0} defines {1} versions.", library, defined.Count);
            return defined;
        }
        catch (Exception ex) when (ex is ElfFormatException || ex is IOException || ex is UnauthorizedAccessException)
        {
            Log.LogMessage(MessageImportance.Normal, "TorchSharpNativeFix: could not read the version definitions of {0}: {1}", library, ex.Message);
            return null;
        }
    }

    private void WarnAboutOtherMissingVersions(byte[] image, HashSet<string>? defined, string path)
    {
        if (defined == null)
        {
            return;
        }

        var missing = new List<string>();
        foreach (var need in ElfVersionPatcher.ReadVersionNeeds(image))
        {
            if (need.File == Library && need.Version != Version && !need.IsWeak && !defined.Contains(need.Version))
            {
                missing.Add(need.Version);
            }
        }

        if (missing.Count > 0)
        {
            Log.LogWarning(
                null,
                "GCTS002",
                null,
                path,
                0,
                0,
                0,
                0,
                "TorchSharpNativeFix: the system {0} also lacks {1}; weakening {2} alone will not make '{3}' load.",
                Library,
                string.Join(", ", missing.ToArray()),
                Version,
                path);
        }
    }
}
#endif
