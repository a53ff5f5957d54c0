//! kuaida (快打): the binary only parses arguments and hands over to the library.

fn main() {
    quiet_on_closed_pipe();
    let code = kuaida::commands::main_with_args(std::env::args_os());
    std::process::exit(code);
}

/// `println!` panics when stdout is a pipe that was closed (`kuaida history | head`).
/// The reader has seen all it wanted, so that ends the program quietly instead of
/// printing a panic (EPIPE is error 32 on Unix, 232 on Windows); every other panic
/// goes to the hook installed before.
fn quiet_on_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout")
            && (message.contains("os error 32") || message.contains("os error 232"))
        {
            std::process::exit(0);
        }
        previous(info);
    }));
}
