import SystemImports

/// What the process arranges before anything else runs.
enum ProcessSetup {
    static func prepare() {
        // A write past `ulimit -f` must fail like a full disk (EFBIG, one error line, old file kept),
        // not kill the process with no message and a temp file left behind.
        signal(SIGXFSZ, SIG_IGN)
        // The Swift runtime treats SIGQUIT as a crash and spends seconds printing a backtrace while the
        // account stays locked; a quit is a quit (the walkthrough saves and restores the terminal first).
        signal(SIGQUIT, SIG_DFL)
        // A standard descriptor started closed would be handed to the first file we open, and a
        // summary meant for stdout would land in a state file. Hold each such slot with /dev/null,
        // opened so that writes to it fail as they would on the closed descriptor.
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let placeholder = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if placeholder >= 0 && placeholder != fd {
                dup2(placeholder, fd)
                close(placeholder)
            }
        }
    }
}
