package dev.hallmark.ui.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** Loads an {@code fx:root} FXML file of this package into a view that is both its root and its controller. */
final class Fxml {

    private Fxml() {
    }

    static void load(String fileName, Node rootAndController) {
        URL location = Fxml.class.getResource(fileName);
        if (location == null) {
            throw new IllegalStateException("FXML missing from the class path: " + fileName);
        }
        FXMLLoader loader = new FXMLLoader(location);
        loader.setRoot(rootAndController);
        loader.setController(rootAndController);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fileName, e);
        }
    }
}
