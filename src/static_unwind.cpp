// The static sla's start: its table of frames left to the unwinder's search, not registered.
//
// A static binary's start file (crtbeginT.o) registers the binary's frame descriptions with the
// unwinder, which then sorts every one of them on the first exception: 12.6 M instructions,
// some 3 ms, paid by every error message, --help and --version. Linked with
// --wrap=__register_frame_info and --wrap=__deregister_frame_info, the start file calls these
// instead, which register nothing; the unwinder then finds a frame through the table the linker
// made (PT_GNU_EH_FRAME, --eh-frame-hdr), as it does in a PIE or a dynamic binary. CMake links
// this file into the static sla only.

// NOLINTBEGIN(bugprone-reserved-identifier): the names the linker's --wrap gives.

extern "C" void __wrap___register_frame_info(const void*, void*) {}

extern "C" void* __wrap___deregister_frame_info(const void*) {
  return nullptr;
}

// NOLINTEND(bugprone-reserved-identifier)
