//! The trainer's loop: it holds the terminal and the world (the one store, the files),
//! reads input stamped with the clock, hands each message to the app, carries out what
//! the app asks, and draws. The terminal is restored on every way out.

use super::app::{App, Exit, Start};
use super::clock::Stamp;
use super::input::{Input, Msg};
use super::paint::Painter;
use super::terminal;
use super::world::World;
use crate::context::Context;
use crate::{Error, Result};
use ratatui::crossterm::event::Event;
use std::time::Instant;

/// Carry out everything the app has asked for, and hand back each answer (which may
/// ask for more).
pub fn settle(app: &mut App<'_>, world: &mut World) {
    while let Some(effect) = app.next_effect() {
        let done = world.run(effect, app.packs(), app.now());
        app.on_done(done);
    }
}

/// Run the trainer until the student quits. The terminal is restored on every way out.
pub fn run(ctx: &Context, start: Start) -> Result<Exit> {
    let mut world = World::new(ctx.data.clone());
    let mut app = App::new(ctx, start, Stamp::now());
    settle(&mut app, &mut world);
    if app.quitting() {
        return Ok(app.into_exit());
    }
    let (mut term, _guard) = terminal::enter().map_err(|e| Error::io("terminal", e))?;
    let draw_err = |e: std::io::Error| Error::io("terminal", e);
    let first = term
        .draw(|f| {
            app.render(f, Instant::now());
            super::escape::make_safe(f.buffer_mut());
        })
        .map_err(draw_err)?;
    let corner = terminal::corner_of(first.buffer);
    let mut input = Input::open().map_err(|e| Error::io("terminal", e))?;
    if ctx.config.ambiwidth.is_none() {
        let assumed = app.ambi;
        app.ambi = terminal::probe_ambiwidth(&mut input);
        terminal::after_probe(&mut term, &corner, app.ambi != assumed).map_err(draw_err)?;
    }
    app.load_figures();
    settle(&mut app, &mut world);
    let mut painter = Painter::default();
    loop {
        if app.draw(&mut term, &mut painter, Instant::now()).is_err() {
            // The terminal is gone (a closed window) before its signal arrived: keep the
            // attempt in progress and end as the signal would have.
            app.on_signal(Stamp::now());
            settle(&mut app, &mut world);
            break;
        }
        let now = Instant::now();
        let wake = app.next_wake(now);
        match input.next(wake.map(|w| w.saturating_duration_since(now))) {
            Msg::Input { stamp, events } => {
                for e in &events {
                    if let Event::Resize(w, h) = e {
                        painter.forget();
                        if terminal::resize(&mut term, *w, *h).is_err() {
                            app.on_signal(stamp);
                        }
                    }
                }
                app.on_input(stamp, &events);
                input.give_back(events);
            }
            Msg::Signal | Msg::Gone => app.on_signal(Stamp::now()),
            Msg::Timeout => app.on_tick(Stamp::now()),
        }
        settle(&mut app, &mut world);
        if app.quitting() {
            break;
        }
        app.load_figures();
        settle(&mut app, &mut world);
    }
    let students = app.students();
    let done = world.export_on_quit(
        &students.current,
        students.export_dir.as_ref(),
        Stamp::now().wall,
    );
    app.set_quit_export(done);
    Ok(app.into_exit())
}
