package dev.hallmark.app.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Keystrokes as a keyboard or a barcode scanner (a keyboard that types fast) sends them: pressed, typed and
 * released events dispatched to the scene's focus owner through its whole event chain (window, scene, every
 * parent's filters and handlers). Used where the Monocle robot cannot give a second stage the focus.
 */
public final class SceneKeys {

    private final Supplier<Scene> scene;

    public SceneKeys(Supplier<Scene> scene) {
        this.scene = scene;
    }

    /** Types each character; {@code \n} is the Enter key. Returns after the FX thread has handled them. */
    public void type(String text) throws Exception {
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                press(KeyCode.ENTER);
            } else {
                String s = String.valueOf(c);
                KeyCode code = KeyCode.getKeyCode(s.toUpperCase());
                onFx(() -> {
                    Node target = target();
                    KeyCode k = code == null ? KeyCode.UNDEFINED : code;
                    boolean shift = Character.isUpperCase(c);
                    Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", k, shift, false, false, false));
                    Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_TYPED, s, "", KeyCode.UNDEFINED, shift, false,
                            false, false));
                    Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_RELEASED, "", "", k, shift, false, false, false));
                });
            }
        }
    }

    /** Presses and releases one key (Enter, F2, Home…) on the focus owner. */
    public void press(KeyCode code) throws Exception {
        onFx(() -> {
            Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false));
            Event.fireEvent(target(), new KeyEvent(KeyEvent.KEY_RELEASED, "", "", code, false, false, false, false));
        });
    }

    /** Moves the focus to the node, as Tab would. */
    public void focus(String selector) throws Exception {
        onFx(() -> scene.get().getRoot().lookup(selector).requestFocus());
    }

    /** Activates a button, as Space on the focused button does. */
    public void fire(String selector) throws Exception {
        onFx(() -> ((ButtonBase) scene.get().getRoot().lookup(selector)).fire());
    }

    private Node target() {
        Node owner = scene.get().getFocusOwner();
        return owner != null ? owner : scene.get().getRoot();
    }

    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }
}
