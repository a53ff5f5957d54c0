//! kuaida (快打): the binary only parses arguments and hands over to the library.

fn main() {
    let code = kuaida::commands::main_with_args(std::env::args_os());
    std::process::exit(code);
}
